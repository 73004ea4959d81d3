namespace Fulmen.Execution.Sandbox;

/// <summary>
/// The resource limits of one execution environment. The launcher shell runs <see cref="ShellPrologue"/>
/// before it execs the runtime, so the limits hold from the runtime's first instruction.
/// </summary>
public abstract class Sandbox : IDisposable
{
    /// <summary>Shell commands that put the current shell (<c>$$</c>) under the limits.</summary>
    public abstract string ShellPrologue { get; }

    /// <summary>The peak memory of the environment, when the mechanism can tell.</summary>
    public abstract long? MaxMemoryUsedBytes();

    /// <summary>True when the kernel killed a process of the environment for lack of memory.</summary>
    public abstract bool WasOutOfMemory();

    /// <summary>Kills every process in the environment, including ones the runtime started.</summary>
    public abstract void KillAll();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
