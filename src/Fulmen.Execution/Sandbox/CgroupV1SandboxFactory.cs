namespace Fulmen.Execution.Sandbox;

/// <summary>cgroup v1: a group per environment under the memory and pids hierarchies.</summary>
public sealed class CgroupV1SandboxFactory : ISandboxFactory
{
    private readonly string _memoryHierarchy;
    private readonly string _memoryRoot;
    private readonly string _pidsHierarchy;
    private readonly string? _pidsRoot;

    private CgroupV1SandboxFactory(string cgroupRoot, string memoryRoot, string? pidsRoot)
    {
        _memoryHierarchy = Path.Combine(cgroupRoot, "memory");
        _memoryRoot = memoryRoot;
        _pidsHierarchy = Path.Combine(cgroupRoot, "pids");
        _pidsRoot = pidsRoot;
    }

    public string Mechanism => "cgroup v1";

    public static CgroupV1SandboxFactory? TryCreate(string cgroupRoot)
    {
        var memory = Path.Combine(cgroupRoot, "memory");
        if (!File.Exists(Path.Combine(memory, "memory.limit_in_bytes")))
        {
            return null;
        }
        try
        {
            var memoryRoot = ServerGroup(memory);
            var pids = Path.Combine(cgroupRoot, "pids");
            string? pidsRoot = File.Exists(Path.Combine(pids, "cgroup.procs")) ? ServerGroup(pids) : null;
            return new CgroupV1SandboxFactory(cgroupRoot, memoryRoot, pidsRoot);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }

    private static string ServerGroup(string hierarchy)
    {
        var fulmen = Directory.CreateDirectory(Path.Combine(hierarchy, "fulmen")).FullName;
        Cgroup.RemoveStale(fulmen);
        return Directory.CreateDirectory(Path.Combine(fulmen, Cgroup.ServerGroupName)).FullName;
    }

    public Sandbox Create(string environmentId, int memoryMegabytes)
    {
        var sandbox = CreateWithoutMemoryLimit(environmentId);
        sandbox.LimitMemory(memoryMegabytes, 0);
        return sandbox;
    }

    public Sandbox CreateWithoutMemoryLimit(string id)
    {
        var memory = Directory.CreateDirectory(Path.Combine(_memoryRoot, id)).FullName;
        Cgroup.TryWrite(Path.Combine(memory, "memory.swappiness"), "0");
        string? pids = null;
        if (_pidsRoot is not null)
        {
            pids = Directory.CreateDirectory(Path.Combine(_pidsRoot, id)).FullName;
            File.WriteAllText(Path.Combine(pids, "pids.max"), SandboxFactory.MaxProcesses.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        ThreadCgroup[] groups = pids is null
            ? [new(_memoryHierarchy, memory)]
            : [new(_memoryHierarchy, memory), new(_pidsHierarchy, pids)];
        return new CgroupV1Sandbox(memory, pids, groups);
    }

    private sealed class CgroupV1Sandbox(string memory, string? pids, IReadOnlyList<ThreadCgroup> groups) : Sandbox
    {
        private readonly CounterFile _maxUsage = new(Path.Combine(memory, "memory.max_usage_in_bytes"));

        public override IReadOnlyList<ThreadCgroup> SpawnCgroups => groups;

        public override string ShellPrologue => pids is null
            ? $"echo $$ > '{memory}/cgroup.procs' && "
            : $"echo $$ > '{memory}/cgroup.procs' && echo $$ > '{pids}/cgroup.procs' && ";

        public override long? MaxMemoryUsedBytes() => _maxUsage.Read();

        public override bool WasOutOfMemory() =>
            Cgroup.ReadKey(Path.Combine(memory, "memory.oom_control"), "oom_kill") is > 0
            || Cgroup.ReadLong(Path.Combine(memory, "memory.failcnt")) is > 0;

        public override void KillAll() => Cgroup.KillAll(Path.Combine(memory, "cgroup.procs"));

        public override void LimitMemory(int memoryMegabytes, int processId)
        {
            // The memory limit first: it may not exceed the memory+swap limit, which is unlimited until then.
            var bytes = (memoryMegabytes * 1024L * 1024L).ToString(System.Globalization.CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), bytes);
            // Without a swap limit an environment could page out past its memory size instead of being stopped.
            Cgroup.TryWrite(Path.Combine(memory, "memory.memsw.limit_in_bytes"), bytes);
        }

        protected override void Dispose(bool disposing)
        {
            _maxUsage.Dispose();
            KillAll();
            Cgroup.Remove(memory);
            if (pids is not null)
            {
                Cgroup.Remove(pids);
            }
        }
    }
}
