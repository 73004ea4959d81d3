using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Fulmen.Execution.Spawning;

/// <summary>
/// Reaps the processes <see cref="Spawner"/> started. .NET only reaps children it started with
/// <c>Process</c>, so without this every exited runtime would stay a zombie. One background thread
/// waits in epoll on a pidfd per child (readable once the child exits) and then calls waitpid on it.
/// </summary>
internal static unsafe class ChildReaper
{
    // struct epoll_event is packed on x86-64 (data at offset 4), naturally aligned elsewhere (offset 8).
    private static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;
    private const int MaxEvents = 32;

    private static readonly ConcurrentDictionary<int, ChildProcess> Children = new();
    private static readonly int Epoll = StartThread();

    private static int StartThread()
    {
        var epoll = Libc.EpollCreate1(Libc.EPOLL_CLOEXEC);
        if (epoll < 0)
        {
            throw new IOException($"epoll_create1: {Libc.Describe(Marshal.GetLastPInvokeError())}");
        }
        new Thread(() => Run(epoll)) { IsBackground = true, Name = "Fulmen child reaper" }.Start();
        return epoll;
    }

    /// <summary>Watches a just-spawned child. Until it is reaped its pid cannot be reused, so the pidfd is its own.</summary>
    public static ChildProcess Watch(int pid)
    {
        var child = new ChildProcess(pid);
        var pidfd = (int)Libc.Syscall(Libc.SYS_pidfd_open, pid, 0);
        if (pidfd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            child.Kill();
            child.ReapAfterKill();
            throw new IOException($"pidfd_open: {Libc.Describe(error)}");
        }
        Children[pidfd] = child;
        var ev = stackalloc byte[16];
        *(uint*)ev = Libc.EPOLLIN;
        *(int*)(ev + DataOffset) = pidfd;
        // Adding while the reaper sits in epoll_wait is fine: a child that has already exited is reported at once.
        if (Libc.EpollCtl(Epoll, Libc.EPOLL_CTL_ADD, pidfd, ev) < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            Children.TryRemove(pidfd, out _);
            _ = Libc.Close(pidfd);
            child.Kill();
            child.ReapAfterKill();
            throw new IOException($"epoll_ctl: {Libc.Describe(error)}");
        }
        return child;
    }

    private static void Run(int epoll)
    {
        var events = stackalloc byte[EventSize * MaxEvents];
        while (true)
        {
            var count = Libc.EpollWait(epoll, events, MaxEvents, -1);
            for (var i = 0; i < count; i++)
            {
                var pidfd = *(int*)(events + (i * EventSize) + DataOffset);
                if (Children.TryGetValue(pidfd, out var child) && child.TryReap())
                {
                    Children.TryRemove(pidfd, out _);
                    _ = Libc.EpollCtl(epoll, Libc.EPOLL_CTL_DEL, pidfd, null);
                    _ = Libc.Close(pidfd);
                }
            }
        }
    }
}
