namespace Fulmen.Execution.Sandbox;

public interface ISandboxFactory
{
    /// <summary>What enforces the limits, for logs and docs: "cgroup v1", "cgroup v2" or "rlimit".</summary>
    string Mechanism { get; }

    Sandbox Create(string environmentId, int memoryMegabytes);
}
