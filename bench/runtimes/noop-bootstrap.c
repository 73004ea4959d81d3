/*
 * A no-op AWS Lambda custom runtime ("provided.al2023" bootstrap) for benchmarks.
 *
 * It implements the Runtime API loop over ONE persistent keep-alive HTTP/1.1 connection,
 * with libc sockets only:
 *
 *   GET  /2018-06-01/runtime/invocation/next          -> request id, event (ignored)
 *   POST /2018-06-01/runtime/invocation/{id}/response -> body "{}"
 *
 * so that whatever a benchmark measures is the platform, not the function. It reconnects when
 * the server closes the connection, and exits 1 on a malformed answer (with a line on stderr).
 *
 * With NOOP_GATE=/some/file in its environment it holds each invocation until that file exists:
 * the async benchmark keeps Fulmen's dispatcher busy with such invocations while it builds a
 * backlog, then creates the file to let them (and the dispatcher) go.
 *
 * With NOOP_STAMP=/some/file it keeps each event and, as soon as the event has arrived, reads
 * CLOCK_REALTIME and appends one line "<now_ns> <sent_ns>" to that file (one write, O_APPEND) for
 * every "stamp:<sent_ns>" in the event: the queue benchmark's messages carry their send time that
 * way, so send -> handler start is measured on one clock, on one machine.
 *
 * Build: cc -O2 -o bootstrap noop-bootstrap.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

#define BUFFER_SIZE (64 * 1024)

static char host[256];
static char port[16];
static int fd = -1;

/* Received bytes not consumed yet: buffer[start, end). */
static char buffer[BUFFER_SIZE];
static size_t start, end;

/* With NOOP_STAMP: the body of the response being read is kept here (event[0, event_length)). */
static int keep_body;
static char *event;
static size_t event_length, event_capacity;

static void die(const char *what)
{
    fprintf(stderr, "noop-bootstrap: %s (errno %d: %s)\n", what, errno, strerror(errno));
    exit(1);
}

static void connect_api(void)
{
    struct addrinfo hints = {0}, *found, *ai;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &found) != 0)
        die("cannot resolve AWS_LAMBDA_RUNTIME_API");
    for (ai = found; ai != NULL; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(found);
    if (fd < 0)
        die("cannot connect to the Runtime API");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    start = end = 0;
}

static void disconnect_api(void)
{
    if (fd >= 0)
        close(fd);
    fd = -1;
    start = end = 0;
}

/* Sends all of a request; false when the connection is gone. */
static int send_all(const char *data, size_t length)
{
    while (length > 0) {
        ssize_t sent = send(fd, data, length, MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent <= 0)
            return 0;
        data += sent;
        length -= (size_t)sent;
    }
    return 1;
}

/* Reads more bytes into the buffer (compacting it first); false on EOF or error. */
static int fill(void)
{
    if (start > 0) {
        memmove(buffer, buffer + start, end - start);
        end -= start;
        start = 0;
    }
    if (end == BUFFER_SIZE) {
        errno = EMSGSIZE;
        die("response headers larger than the buffer");
    }
    for (;;) {
        ssize_t got = recv(fd, buffer + end, BUFFER_SIZE - end, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return 0;
        end += (size_t)got;
        return 1;
    }
}

/* Discards exactly n body bytes (the event is not needed). False when the connection is gone. */
static int skip(size_t n)
{
    while (n > 0) {
        if (start == end && !fill())
            return 0;
        size_t available = end - start;
        size_t take = available < n ? available : n;
        if (keep_body) {
            if (event_length + take + 1 > event_capacity) {
                event_capacity = (event_length + take + 1) * 2;
                event = realloc(event, event_capacity);
                if (event == NULL)
                    die("out of memory");
            }
            memcpy(event + event_length, buffer + start, take);
            event_length += take;
        }
        start += take;
        n -= take;
    }
    return 1;
}

/* A line ending in CRLF at buffer[start]; returns its length without CRLF, or -1 on EOF. */
static long read_line(void)
{
    for (;;) {
        char *crlf = memmem(buffer + start, end - start, "\r\n", 2);
        if (crlf != NULL)
            return crlf - (buffer + start);
        if (!fill())
            return -1;
    }
}

/* Skips a chunked body (Fulmen sends Content-Length, but a stand-in might not). */
static int skip_chunked(void)
{
    for (;;) {
        long line = read_line();
        if (line < 0)
            return 0;
        size_t size = strtoul(buffer + start, NULL, 16);
        start += (size_t)line + 2;
        if (size == 0) {
            /* Trailers until an empty line. */
            for (;;) {
                line = read_line();
                if (line < 0)
                    return 0;
                start += (size_t)line + 2;
                if (line == 0)
                    return 1;
            }
        }
        if (!skip(size + 2))
            return 0;
    }
}

/*
 * Reads one response. Copies the request id header (if any) into request_id.
 * Returns the status code, or 0 when the connection closed before a whole response arrived.
 */
static int read_response(char *request_id, size_t request_id_size)
{
    long line = read_line();
    if (line < 0)
        return 0;
    int status = 0;
    if (line < 12 || sscanf(buffer + start, "HTTP/1.%*c %3d", &status) != 1) {
        errno = EPROTO;
        die("malformed status line");
    }
    start += (size_t)line + 2;

    long content_length = -1;
    int chunked = 0, closing = 0;
    for (;;) {
        line = read_line();
        if (line < 0)
            return 0;
        char *header = buffer + start;
        start += (size_t)line + 2;
        if (line == 0)
            break;
        header[line] = '\0';
        char *colon = strchr(header, ':');
        if (colon == NULL)
            continue;
        *colon = '\0';
        char *value = colon + 1;
        while (*value == ' ' || *value == '\t')
            value++;
        if (strcasecmp(header, "Content-Length") == 0)
            content_length = strtol(value, NULL, 10);
        else if (strcasecmp(header, "Transfer-Encoding") == 0 && strcasestr(value, "chunked") != NULL)
            chunked = 1;
        else if (strcasecmp(header, "Connection") == 0 && strcasestr(value, "close") != NULL)
            closing = 1;
        else if (request_id != NULL && strcasecmp(header, "Lambda-Runtime-Aws-Request-Id") == 0)
            snprintf(request_id, request_id_size, "%s", value);
    }

    int complete = chunked ? skip_chunked() : skip(content_length > 0 ? (size_t)content_length : 0);
    if (!complete)
        return 0;
    if (closing)
        disconnect_api();
    return status;
}

/* Appends "<now_ns> <sent_ns>" for each "stamp:<sent_ns>" in the event just read (NOOP_STAMP). */
static void stamp(int file)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    long long now_ns = (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
    static char lines[64 * 1024];
    size_t used = 0;
    event[event_length] = '\0';
    for (char *at = event; (at = strstr(at, "stamp:")) != NULL && used + 64 < sizeof lines;) {
        at += 6;
        used += (size_t)snprintf(lines + used, sizeof lines - used, "%lld %lld\n", now_ns, strtoll(at, &at, 10));
    }
    if (used > 0 && write(file, lines, used) != (ssize_t)used)
        die("cannot write NOOP_STAMP");
}

/* Waits (polling every 20 ms) until the file at path exists. */
static void wait_for_file(const char *path)
{
    while (access(path, F_OK) != 0)
        usleep(20000);
}

int main(void)
{
    const char *gate = getenv("NOOP_GATE");
    if (gate != NULL && *gate == '\0')
        gate = NULL;
    int stamps = -1;
    const char *stamp_path = getenv("NOOP_STAMP");
    if (stamp_path != NULL && *stamp_path != '\0') {
        stamps = open(stamp_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (stamps < 0)
            die("cannot open NOOP_STAMP");
    }
    const char *api = getenv("AWS_LAMBDA_RUNTIME_API");
    if (api == NULL || *api == '\0') {
        fprintf(stderr, "noop-bootstrap: AWS_LAMBDA_RUNTIME_API is not set\n");
        return 1;
    }
    const char *colon = strrchr(api, ':');
    if (colon == NULL || (size_t)(colon - api) >= sizeof host) {
        fprintf(stderr, "noop-bootstrap: AWS_LAMBDA_RUNTIME_API must be host:port, not %s\n", api);
        return 1;
    }
    memcpy(host, api, (size_t)(colon - api));
    host[colon - api] = '\0';
    snprintf(port, sizeof port, "%s", colon + 1);

    char next[512];
    int next_length = snprintf(next, sizeof next,
        "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: %s\r\n\r\n", api);
    char request_id[256];
    char post[1024];

    for (;;) {
        if (fd < 0)
            connect_api();
        request_id[0] = '\0';
        if (!send_all(next, (size_t)next_length)) {
            disconnect_api();
            continue;
        }
        keep_body = stamps >= 0;
        event_length = 0;
        int status = read_response(request_id, sizeof request_id);
        keep_body = 0;
        if (status == 200 && stamps >= 0 && event != NULL)
            stamp(stamps);
        if (status == 0) {
            disconnect_api();
            continue;
        }
        if (status != 200 || request_id[0] == '\0') {
            fprintf(stderr, "noop-bootstrap: /next answered %d without a request id\n", status);
            return 1;
        }
        if (gate != NULL) {
            wait_for_file(gate);
            gate = NULL; /* open for good */
        }

        int post_length = snprintf(post, sizeof post,
            "POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: %s\r\n"
            "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
            request_id, api);
        if (post_length <= 0 || (size_t)post_length >= sizeof post) {
            fprintf(stderr, "noop-bootstrap: request id too long\n");
            return 1;
        }
        if (!send_all(post, (size_t)post_length)) {
            /* The answer is lost with the connection; the platform times this invoke out. */
            disconnect_api();
            continue;
        }
        status = read_response(NULL, 0);
        if (status == 0) {
            disconnect_api();
            continue;
        }
        if (status != 202) {
            fprintf(stderr, "noop-bootstrap: response for %s answered %d\n", request_id, status);
            return 1;
        }
    }
}
