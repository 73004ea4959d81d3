using System.Diagnostics;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>
/// Runs the JavaScript SDK tests in tests/js (<c>node --test FILE</c>) against a server, and the Node.js function they
/// deploy when they need one that records the events it gets.
/// </summary>
public static class NodeTests
{
    public static readonly string JsDirectory = Path.Combine(FulmenServer.RepositoryRoot, "tests", "js");

    /// <summary>A Node.js function that writes each event it gets as a JSON file in <c>RECORD_DIR</c> (atomically: .tmp, then renamed).</summary>
    public static string EventRecorderZip(string directory, string name) => FunctionZips.Create(directory, name, new Dictionary<string, string>
    {
        ["index.js"] = """
            const fs = require('node:fs');
            const path = require('node:path');
            const crypto = require('node:crypto');
            exports.handler = async (event) => {
              const file = path.join(process.env.RECORD_DIR, `event-${crypto.randomUUID()}`);
              fs.writeFileSync(file + '.tmp', JSON.stringify(event));
              fs.renameSync(file + '.tmp', file + '.json');
              return {};
            };
            """,
    });

    /// <summary>Runs <c>node --test <paramref name="file"/></c> and asserts it passed <paramref name="tests"/> tests.</summary>
    public static async Task AssertPassAsync(FulmenServer server, string file, int tests, Dictionary<string, string>? environment = null)
    {
        var all = new Dictionary<string, string>(environment ?? []) { ["FULMEN_ENDPOINT"] = server.Endpoint };
        var (exitCode, output) = await RunAsync(["--test", file], all);
        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}\nserver:\n{server.Output}");
        Assert.Contains($"# pass {tests}", output, StringComparison.Ordinal);
    }

    /// <summary>Runs node with the arguments in tests/js; returns its exit code and its output (stdout, then stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = JsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
