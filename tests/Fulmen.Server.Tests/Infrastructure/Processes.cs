using System.Text;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>Reading processes from /proc, to say what a test found running.</summary>
public static class Processes
{
    /// <summary>A process's command line (NUL-separated in /proc) as one readable line, prefixed by its id; "(gone)" once it exited.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return $"{pid}: {Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline")).Replace('\0', ' ').TrimEnd()}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{pid}: (gone)";
        }
    }

    /// <summary>The command lines of everything <paramref name="server"/> started that is still running.</summary>
    public static IReadOnlyList<string> StartedBy(FulmenServer server) => server.ProcessesStartedByServer().Select(CommandLine).ToList();
}
