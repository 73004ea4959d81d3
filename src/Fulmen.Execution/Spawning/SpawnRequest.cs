using Fulmen.Execution.Sandbox;

namespace Fulmen.Execution.Spawning;

/// <summary>
/// What to start: <paramref name="Arguments"/> is the whole argv (argv[0] first); stdin is /dev/null and
/// stdout and stderr append to <paramref name="OutputFile"/>; <paramref name="Cgroups"/> are the cgroup v1
/// groups the process starts in.
/// </summary>
public sealed record SpawnRequest(
    string Path,
    IReadOnlyList<string> Arguments,
    IEnumerable<KeyValuePair<string, string>> Environment,
    string WorkingDirectory,
    string OutputFile,
    IReadOnlyList<ThreadCgroup> Cgroups);

/// <summary>posix_spawn failed, for example because the program is not executable.</summary>
public sealed class SpawnException(string path, int error)
    : IOException($"fork/exec {path}: {Libc.Describe(error).ToLowerInvariant()}");
