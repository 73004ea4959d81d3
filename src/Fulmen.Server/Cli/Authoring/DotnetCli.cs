using System.ComponentModel;
using System.Diagnostics;

namespace Fulmen.Server.Cli.Authoring;

/// <summary>Runs the .NET SDK's <c>dotnet</c> (publish, pack) and shows its output, indented, as it comes.</summary>
internal static class DotnetCli
{
    /// <summary>The <c>dotnet</c> running this CLI when there is one (so the same SDK builds the function), else the one on PATH.</summary>
    private static string Executable { get; } =
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    /// <summary>Runs <c>dotnet ARGUMENTS</c>; returns its exit code.</summary>
    public static async Task<int> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new CliException($"cannot run dotnet ({e.Message}): C# functions need the .NET 10 SDK on PATH.");
        }
        using (process)
        {
            var output = RelayAsync(process.StandardOutput, Console.Out);
            var errors = RelayAsync(process.StandardError, Console.Error);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            await Task.WhenAll(output, errors);
            return process.ExitCode;
        }
    }

    private static async Task RelayAsync(StreamReader from, TextWriter to)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                await to.WriteLineAsync("    " + line.TrimStart());
            }
        }
    }
}
