namespace Fulmen.Execution.Spawning;

/// <summary>
/// A process started by <see cref="Spawner"/>. <see cref="ChildReaper"/> reaps it, so it never lingers as a
/// zombie, and completes <see cref="Exited"/> with its exit code.
/// </summary>
public sealed class ChildProcess
{
    private readonly TaskCompletionSource<int?> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _reaped;

    internal ChildProcess(int pid) => Id = pid;

    public int Id { get; }

    /// <summary>
    /// Completes when the process has exited and been reaped: its exit status, or 128 + N when signal N
    /// killed it (as .NET's Process reports it); null if something else reaped it first.
    /// </summary>
    public Task<int?> Exited => _exited.Task;

    /// <summary>SIGKILLs the process and its process group (the runtime's own children).</summary>
    public void Kill()
    {
        // Under the lock the process is not reaped yet, so its pid (and group id) cannot have been reused.
        lock (_exited)
        {
            if (!_reaped)
            {
                _ = Libc.Kill(-Id, Libc.SIGKILL);
                _ = Libc.Kill(Id, Libc.SIGKILL);
            }
        }
    }

    /// <summary>Waits for a process that was just killed, when it could not be handed to the reaper.</summary>
    internal void ReapAfterKill()
    {
        while (!TryReap())
        {
            Thread.Yield();
        }
    }

    /// <summary>Reaps the process if it has exited; false while it still runs.</summary>
    internal bool TryReap()
    {
        int result;
        int status;
        lock (_exited)
        {
            do
            {
                result = Libc.WaitPid(Id, out status, Libc.WNOHANG);
            }
            while (result < 0 && System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == Libc.EINTR);
            if (result == 0)
            {
                return false;
            }
            _reaped = true;
        }
        int? code = result < 0 ? null
            : (status & 0x7f) == 0 ? (status >> 8) & 0xff // exited: WEXITSTATUS
            : 128 + (status & 0x7f);                      // killed by a signal: WTERMSIG
        _exited.TrySetResult(code);
        return true;
    }
}
