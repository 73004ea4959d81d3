namespace Fulmen.Execution.Sandbox;

/// <summary>
/// The resource limits of one execution environment. They must hold from the runtime's first instruction:
/// either the spawner thread joins <see cref="SpawnCgroups"/> before it spawns the runtime directly, or,
/// where a thread cannot join alone, a launcher shell runs <see cref="ShellPrologue"/> and then execs the runtime.
/// </summary>
public abstract class Sandbox : IDisposable
{
    /// <summary>
    /// The cgroup v1 groups a thread can join on its own (v1 keeps cgroups per thread, and a child starts in
    /// those of the thread that forked it), so the runtime can be spawned directly. Null when the runtime must
    /// be started through the shell: cgroup v2 puts whole processes in a group, an rlimit needs <c>ulimit</c>.
    /// </summary>
    public virtual IReadOnlyList<ThreadCgroup>? SpawnCgroups => null;

    /// <summary>Shell commands that put the current shell (<c>$$</c>) under the limits, when <see cref="SpawnCgroups"/> is null.</summary>
    public abstract string ShellPrologue { get; }

    /// <summary>The peak memory of the environment, when the mechanism can tell.</summary>
    public abstract long? MaxMemoryUsedBytes();

    /// <summary>True when the kernel killed a process of the environment for lack of memory.</summary>
    public abstract bool WasOutOfMemory();

    /// <summary>Kills every process in the environment, including ones the runtime started.</summary>
    public abstract void KillAll();

    /// <summary>
    /// Sets the memory limit of a sandbox made by <see cref="ISandboxFactory.CreateWithoutMemoryLimit"/>, whose runtime
    /// (<paramref name="processId"/>) already runs in it. Moving a running process into a cgroup waits for an RCU grace
    /// period (several milliseconds on an idle machine), which a cold start should not; writing a limit does not.
    /// Throws <see cref="IOException"/> when the limit cannot be set (the runtime already uses more).
    /// </summary>
    public abstract void LimitMemory(int memoryMegabytes, int processId);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>A cgroup v1 group (<paramref name="Group"/>) under its hierarchy's mount (<paramref name="Hierarchy"/>, named after its controller).</summary>
public sealed record ThreadCgroup(string Hierarchy, string Group);
