using System.Diagnostics;
using System.Text;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>Running tools (dotnet, …) and reading processes from /proc, to say what a test found running.</summary>
public static class Processes
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"exit {ExitCode}\n{StandardOutput}{StandardError}";
    }

    /// <summary>Runs a program to its end and returns its output; killed (with what it printed in the error) after <paramref name="timeout"/>.</summary>
    public static async Task<Result> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}:\n{await stdout}{await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static Task<Result> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return RunAsync(start, timeout);
    }

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

    /// <summary>The command lines of everything <paramref name="server"/> started that is still running (with <paramref name="includeWaiting"/>, pre-started runtimes still waiting too).</summary>
    public static IReadOnlyList<string> StartedBy(FulmenServer server, bool includeWaiting = false) =>
        server.ProcessesStartedByServer(includeWaiting).Select(CommandLine).ToList();

    /// <summary>
    /// The memory limit a process runs under, in bytes, as the server's sandbox sets it: its cgroup v1 memory group's
    /// <c>memory.limit_in_bytes</c>, its cgroup v2 group's <c>memory.max</c>, or else (the rlimit fallback) its data-segment
    /// rlimit. Null when that says unlimited.
    /// </summary>
    public static long? MemoryLimitBytes(int pid)
    {
        foreach (var line in File.ReadAllLines($"/proc/{pid}/cgroup"))
        {
            var fields = line.Split(':', 3);
            if (fields.Length == 3 && fields[2].Contains("/fulmen/", StringComparison.Ordinal))
            {
                var file = fields[1].Split(',').Contains("memory") ? $"/sys/fs/cgroup/memory{fields[2]}/memory.limit_in_bytes"
                    : fields[1].Length == 0 ? $"/sys/fs/cgroup{fields[2]}/memory.max" : null;
                if (file is not null && File.Exists(file))
                {
                    return Limit(File.ReadAllText(file).Trim());
                }
            }
        }
        var data = File.ReadAllLines($"/proc/{pid}/limits").First(l => l.StartsWith("Max data size", StringComparison.Ordinal));
        return Limit(data["Max data size".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
    }

    // cgroup v1 says unlimited with a huge page-rounded number (PAGE_COUNTER_MAX pages).
    private static long? Limit(string value) =>
        long.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var bytes) && bytes < long.MaxValue / 8192 ? bytes : null;

    /// <summary>
    /// Children of the server started as pre-started runtimes (FULMEN_PREWARMED) whose command line contains
    /// <paramref name="program"/>, waiting or taken since: /proc's environ keeps the variables a process started with.
    /// </summary>
    public static List<int> PrewarmedChildren(int serverId, string program)
    {
        var hosts = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (parent == serverId && File.ReadAllText(Path.Combine(directory, "environ")).Contains("FULMEN_PREWARMED=1", StringComparison.Ordinal)
                    && File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(program, StringComparison.Ordinal))
                {
                    hosts.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }
        return hosts;
    }
}
