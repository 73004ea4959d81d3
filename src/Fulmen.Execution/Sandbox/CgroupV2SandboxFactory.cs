using System.Globalization;

namespace Fulmen.Execution.Sandbox;

/// <summary>cgroup v2 (unified hierarchy): one group per environment with memory and pids enabled.</summary>
public sealed class CgroupV2SandboxFactory : ISandboxFactory
{
    private readonly string _root;

    private CgroupV2SandboxFactory(string root) => _root = root;

    public string Mechanism => "cgroup v2";

    public static CgroupV2SandboxFactory? TryCreate(string cgroupRoot)
    {
        var controllers = Path.Combine(cgroupRoot, "cgroup.controllers");
        if (!File.Exists(controllers) || !File.ReadAllText(controllers).Split(' ', '\n').Contains("memory"))
        {
            return null;
        }
        try
        {
            // Controllers must be enabled on every level above a group that uses them.
            File.WriteAllText(Path.Combine(cgroupRoot, "cgroup.subtree_control"), "+memory +pids");
            var fulmen = Directory.CreateDirectory(Path.Combine(cgroupRoot, "fulmen")).FullName;
            File.WriteAllText(Path.Combine(fulmen, "cgroup.subtree_control"), "+memory +pids");
            Cgroup.RemoveStale(fulmen);
            var root = Directory.CreateDirectory(Path.Combine(fulmen, Cgroup.ServerGroupName)).FullName;
            File.WriteAllText(Path.Combine(root, "cgroup.subtree_control"), "+memory +pids");
            return new CgroupV2SandboxFactory(root);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }

    public Sandbox Create(string environmentId, int memoryMegabytes)
    {
        var sandbox = CreateWithoutMemoryLimit(environmentId);
        sandbox.LimitMemory(memoryMegabytes, 0);
        return sandbox;
    }

    public Sandbox CreateWithoutMemoryLimit(string id)
    {
        var group = Directory.CreateDirectory(Path.Combine(_root, id)).FullName;
        Cgroup.TryWrite(Path.Combine(group, "memory.swap.max"), "0");
        Cgroup.TryWrite(Path.Combine(group, "pids.max"), SandboxFactory.MaxProcesses.ToString(CultureInfo.InvariantCulture));
        return new CgroupV2Sandbox(group);
    }

    private sealed class CgroupV2Sandbox(string group) : Sandbox
    {
        // memory.peak needs Linux 5.19; older kernels only tell the current usage.
        private readonly CounterFile _peak = new CounterFile(Path.Combine(group, "memory.peak")) is { Exists: true } peak
            ? peak
            : new CounterFile(Path.Combine(group, "memory.current"));

        public override string ShellPrologue => $"echo $$ > '{group}/cgroup.procs' && ";

        public override long? MaxMemoryUsedBytes() => _peak.Read();

        public override bool WasOutOfMemory() => Cgroup.ReadKey(Path.Combine(group, "memory.events"), "oom_kill") is > 0;

        public override void LimitMemory(int memoryMegabytes, int processId) =>
            File.WriteAllText(Path.Combine(group, "memory.max"), (memoryMegabytes * 1024L * 1024L).ToString(CultureInfo.InvariantCulture));

        public override void KillAll()
        {
            if (!Cgroup.TryWrite(Path.Combine(group, "cgroup.kill"), "1"))
            {
                Cgroup.KillAll(Path.Combine(group, "cgroup.procs"));
            }
        }

        protected override void Dispose(bool disposing)
        {
            _peak.Dispose();
            KillAll();
            Cgroup.Remove(group);
        }
    }
}
