using System.Diagnostics;
using System.Text;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>Running tools (dotnet, …) and reading processes from /proc, to say what a test found running.</summary>
public static class Processes
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Runs a program to its end (killed after <paramref name="timeout"/>) and returns its output.</summary>
    public static async Task<Result> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
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
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
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

    /// <summary>The command lines of everything <paramref name="server"/> started that is still running.</summary>
    public static IReadOnlyList<string> StartedBy(FulmenServer server) => server.ProcessesStartedByServer().Select(CommandLine).ToList();
}
