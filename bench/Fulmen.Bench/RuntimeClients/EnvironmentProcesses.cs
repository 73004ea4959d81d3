using System.Globalization;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.RuntimeClients;

/// <summary>
/// The runtime processes of one function as <c>/proc</c> shows them: the server's children whose working directory is
/// the function's code directory (Fulmen starts every runtime there), and the CPU they used (utime + stime).
/// </summary>
internal static class EnvironmentProcesses
{
    /// <summary>Pids of the server's children, with their working directories.</summary>
    public static Dictionary<int, string?> Children(int serverPid)
    {
        var children = new Dictionary<int, string?>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]) || ProcStat.Read(name) is not { } stat || stat.ParentPid != serverPid)
            {
                continue;
            }
            try
            {
                children[int.Parse(name, CultureInfo.InvariantCulture)] = new DirectoryInfo(Path.Combine(directory, "cwd")).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }
        return children;
    }

    /// <summary>The server's children running in <paramref name="codeDirectory"/>: one function's environments.</summary>
    public static List<int> Of(int serverPid, string codeDirectory) =>
        Children(serverPid).Where(c => c.Value == codeDirectory).Select(c => c.Key).ToList();

    /// <summary>utime + stime of the processes still alive, in clock ticks (10 ms).</summary>
    public static long Ticks(IEnumerable<int> pids) =>
        pids.Sum(pid => ProcStat.Read(pid)?.Ticks ?? 0);

    /// <summary>utime + stime of one process (the server, this client), in clock ticks.</summary>
    public static long Ticks(int pid) => ProcStat.Read(pid)?.Ticks ?? 0;
}
