namespace Fulmen.Execution.Sandbox;

/// <summary>Picks the strongest limit mechanism this machine lets us write to.</summary>
public static class SandboxFactory
{
    /// <summary>AWS allows about 1,024 processes and threads per environment.</summary>
    public const int MaxProcesses = 1024;

    public static ISandboxFactory Detect(string cgroupRoot = "/sys/fs/cgroup")
    {
        if (CgroupV2SandboxFactory.TryCreate(cgroupRoot) is { } v2)
        {
            return v2;
        }
        if (CgroupV1SandboxFactory.TryCreate(cgroupRoot) is { } v1)
        {
            return v1;
        }
        return new RlimitSandboxFactory();
    }
}
