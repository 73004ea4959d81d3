namespace Fulmen.Execution.Sandbox;

/// <summary>
/// The fallback where no cgroup is writable: an rlimit on the data segment, the nearest per-process limit.
/// It cannot see child processes, peak memory or OOM kills, and cannot kill a whole tree.
/// </summary>
public sealed class RlimitSandboxFactory : ISandboxFactory
{
    public string Mechanism => "rlimit";

    public Sandbox Create(string environmentId, int memoryMegabytes) => new RlimitSandbox(memoryMegabytes * 1024L);

    public Sandbox CreateWithoutMemoryLimit(string id) => new RlimitSandbox(null);

    /// <param name="kilobytes">Null: the runtime starts unlimited and gets its limit with <see cref="LimitMemory"/>.</param>
    private sealed class RlimitSandbox(long? kilobytes) : Sandbox
    {
        public override string ShellPrologue => kilobytes is { } limit ? $"ulimit -d {limit} && " : "";

        public override long? MaxMemoryUsedBytes() => null;

        public override bool WasOutOfMemory() => false;

        public override void KillAll()
        {
        }

        public override void LimitMemory(int memoryMegabytes, int processId)
        {
            var bytes = memoryMegabytes * 1024L * 1024L;
            var limit = new Native.Rlimit(bytes, bytes);
            if (Native.Prlimit(processId, Native.RLIMIT_DATA, limit, IntPtr.Zero) != 0)
            {
                throw new IOException($"prlimit failed for process {processId} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
            }
        }
    }
}
