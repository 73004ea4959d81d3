using System.Diagnostics;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>Fulmen's own command line, run as a real process (<c>dotnet fulmen.dll …</c>).</summary>
public static class FulmenCli
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public override string ToString() => $"exit {ExitCode}\n{StandardOutput}{StandardError}";
    }

    public static ProcessStartInfo Command(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(FulmenServer.ServerDll());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(Command(arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
