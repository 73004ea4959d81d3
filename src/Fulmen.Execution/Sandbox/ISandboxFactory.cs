namespace Fulmen.Execution.Sandbox;

public interface ISandboxFactory
{
    /// <summary>What enforces the limits, for logs and docs: "cgroup v1", "cgroup v2" or "rlimit".</summary>
    string Mechanism { get; }

    Sandbox Create(string environmentId, int memoryMegabytes);

    /// <summary>
    /// A sandbox for a runtime started before its function is known (a pre-started runtime): its groups and process limit
    /// are made now and the runtime starts in them, off every invoke's path; the function's memory limit comes with
    /// <see cref="Sandbox.LimitMemory"/> when a cold start takes the runtime.
    /// </summary>
    Sandbox CreateWithoutMemoryLimit(string id);
}
