using System.Diagnostics;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>Fulmen's own command line, run as a real process (<c>dotnet fulmen.dll …</c>).</summary>
public static class FulmenCli
{
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

    /// <summary>Runs one command; a command that hangs fails the test after five minutes instead of the whole run.</summary>
    public static Task<Processes.Result> RunAsync(params string[] arguments) => Processes.RunAsync(Command(arguments), TimeSpan.FromMinutes(5));
}
