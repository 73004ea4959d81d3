/*
 * Machine calibration for the Fulmen benchmark: what the kernel charges for the operations every
 * invoke is made of, so results from different machines can be compared. Prints one line per
 * measure as "name value unit".
 *
 *   syscall          one getppid() system call
 *   pipe_roundtrip   two processes passing a byte back and forth through pipes (2 wake-ups)
 *   tcp_roundtrip    the same over a loopback TCP connection with TCP_NODELAY
 *   spawn_direct     fork + exec of /bin/true until it has exited (posix_spawn)
 *   spawn_via_sh     the same through /bin/sh -c 'exec /bin/true', as Fulmen starts runtimes
 *   fsync_append     append 4 KiB to a file and fdatasync it, as a SQLite WAL commit does, in the
 *                    directory given as the first argument (default: the current one)
 *
 * Build: cc -O2 -o calibrate calibrate.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static void check(int ok, const char *what)
{
    if (!ok) {
        perror(what);
        exit(1);
    }
}

/* Echoes every byte read from in back to out until EOF. */
static void echo_loop(int in, int out)
{
    char byte;
    while (read(in, &byte, 1) == 1)
        if (write(out, &byte, 1) != 1)
            break;
    _exit(0);
}

static double roundtrip_us(int to, int from, int iterations)
{
    char byte = 'x';
    double start = now_us();
    for (int i = 0; i < iterations; i++) {
        check(write(to, &byte, 1) == 1, "write");
        check(read(from, &byte, 1) == 1, "read");
    }
    return (now_us() - start) / iterations;
}

static double pipe_roundtrip(int iterations)
{
    int up[2], down[2];
    check(pipe(up) == 0 && pipe(down) == 0, "pipe");
    pid_t child = fork();
    check(child >= 0, "fork");
    if (child == 0) {
        close(up[1]);
        close(down[0]);
        echo_loop(up[0], down[1]);
    }
    close(up[0]);
    close(down[1]);
    double result = roundtrip_us(up[1], down[0], iterations);
    close(up[1]);
    waitpid(child, NULL, 0);
    close(down[0]);
    return result;
}

static double tcp_roundtrip(int iterations)
{
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    check(bind(listener, (struct sockaddr *)&address, sizeof address) == 0, "bind");
    check(listen(listener, 1) == 0, "listen");
    check(getsockname(listener, (struct sockaddr *)&address, &length) == 0, "getsockname");
    pid_t child = fork();
    check(child >= 0, "fork");
    if (child == 0) {
        int connection = accept(listener, NULL, NULL);
        int one = 1;
        setsockopt(connection, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        echo_loop(connection, connection);
    }
    int client = socket(AF_INET, SOCK_STREAM, 0);
    check(connect(client, (struct sockaddr *)&address, sizeof address) == 0, "connect");
    int one = 1;
    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    double result = roundtrip_us(client, client, iterations);
    close(client);
    waitpid(child, NULL, 0);
    close(listener);
    return result;
}

static double spawn_ms(char *const argv[], int iterations)
{
    double start = now_us();
    for (int i = 0; i < iterations; i++) {
        pid_t child;
        check(posix_spawn(&child, argv[0], NULL, NULL, argv, environ) == 0, "posix_spawn");
        check(waitpid(child, NULL, 0) == child, "waitpid");
    }
    return (now_us() - start) / iterations / 1000;
}

/* A durable append: the cost every group commit of Fulmen's async queue pays once. */
static double fsync_append_ms(const char *directory, int iterations)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/calibrate-fsync.%d", directory, (int)getpid());
    int file = open(path, O_CREAT | O_TRUNC | O_WRONLY | O_APPEND, 0600);
    check(file >= 0, "open");
    char page[4096];
    memset(page, 'x', sizeof page);
    double start = now_us();
    for (int i = 0; i < iterations; i++) {
        check(write(file, page, sizeof page) == (ssize_t)sizeof page, "write");
        check(fdatasync(file) == 0, "fdatasync");
    }
    double result = (now_us() - start) / iterations / 1000;
    close(file);
    unlink(path);
    return result;
}

int main(int argc, char **argv)
{
    const int syscalls = 1000000;
    double start = now_us();
    for (int i = 0; i < syscalls; i++)
        syscall(SYS_getppid);
    printf("syscall %.3f us\n", (now_us() - start) / syscalls);
    printf("pipe_roundtrip %.2f us\n", pipe_roundtrip(50000));
    printf("tcp_roundtrip %.2f us\n", tcp_roundtrip(50000));
    char *direct[] = {"/bin/true", NULL};
    char *via_sh[] = {"/bin/sh", "-c", "exec /bin/true", NULL};
    spawn_ms(direct, 20); /* warm the page cache */
    printf("spawn_direct %.3f ms\n", spawn_ms(direct, 300));
    printf("spawn_via_sh %.3f ms\n", spawn_ms(via_sh, 300));
    printf("fsync_append %.3f ms\n", fsync_append_ms(argc > 1 ? argv[1] : ".", 200));
    return 0;
}
