using Fulmen.Execution.Spawning;

namespace Fulmen.Execution.Environments;

/// <summary>
/// How a runtime starts under a sandbox's limits from its first instruction: on cgroup v1 the spawner thread joins the
/// sandbox's groups and spawns it directly; elsewhere a tiny shell puts itself under the limits and execs the runtime
/// (directly, when there is nothing to apply first).
/// </summary>
internal static class SandboxedSpawn
{
    /// <param name="runtime">The whole argv of the runtime, its program first.</param>
    public static SpawnRequest Request(Sandbox.Sandbox sandbox, IReadOnlyList<string> runtime,
        IEnumerable<KeyValuePair<string, string>> variables, string workingDirectory, string outputFile)
    {
        if (sandbox.SpawnCgroups is { } cgroups)
        {
            return new SpawnRequest(runtime[0], runtime, variables, workingDirectory, outputFile, cgroups);
        }
        var prologue = sandbox.ShellPrologue;
        return prologue.Length == 0
            ? new SpawnRequest(runtime[0], runtime, variables, workingDirectory, outputFile, [])
            : new SpawnRequest("/bin/sh", ["/bin/sh", "-c", $"{prologue}exec \"$0\" \"$@\"", .. runtime], variables, workingDirectory, outputFile, []);
    }
}
