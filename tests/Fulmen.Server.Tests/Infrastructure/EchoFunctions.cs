using System.Diagnostics;
using System.Text.Json;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>
/// The HTTP triggers' test functions (function URLs, HTTP APIs, REST APIs, ALB): each run leaves a <c>ran-REQUEST-ID</c>
/// mark in <c>RECORD_DIR</c>, so a test can count runs, then answers per path as the test's body says.
/// </summary>
public static class EchoFunctions
{
    /// <summary>A Node.js async handler: the run mark, then <paramref name="body"/> (with <c>event</c> and <c>context</c> in scope).</summary>
    public static TestFunction Node(string body) => TestFunctions.Node($$"""
        const fs = require('fs');
        const path = require('path');
        exports.handler = async (event, context) => {
          fs.writeFileSync(path.join(process.env.RECORD_DIR, `ran-${context.awsRequestId}`), '');
        {{body}}
        };
        """);

    /// <summary>Creates <paramref name="function"/> through the CLI with its own <c>RECORD_DIR</c>; returns that directory and the configuration.</summary>
    public static async Task<(string Records, JsonElement Configuration)> CreateAsync(ServerFixture fixture, string name, TestFunction function)
    {
        var records = Directory.CreateDirectory(Path.Combine(fixture.Server.DataDirectory, $"records-{name}")).FullName;
        var (_, configuration) = await fixture.Lambda.CreateAsync(name, function, "--environment", JsonSerializer.Serialize(new { Variables = new { RECORD_DIR = records } }));
        return (records, configuration);
    }

    /// <summary>How many times the function has run.</summary>
    public static int Runs(string records) => Directory.GetFiles(records, "ran-*").Length;
}

/// <summary>Events the echo functions answered with, saved as files and checked against tests/js/validate-event.mjs.</summary>
public static class RecordedEvents
{
    /// <summary>Saves each call's body (an echoed event; the call must have answered 200) to a new file in <paramref name="records"/>.</summary>
    public static async Task<List<string>> SaveAsync(string records, IEnumerable<Curl.Result> calls)
    {
        var files = new List<string>();
        foreach (var call in calls)
        {
            Assert.True(call.Status == 200, call.ToString());
            var file = Path.Combine(records, $"event-{Guid.NewGuid():N}.json");
            await File.WriteAllBytesAsync(file, call.Body);
            files.Add(file);
        }
        return files;
    }

    /// <summary>Runs <c>node validate-event.mjs SCHEMA FILE…</c> (a schema of @aws-lambda-powertools/parser); fails with its output.</summary>
    public static async Task ValidateAsync(string schema, IEnumerable<string> files)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(FulmenServer.RepositoryRoot, "tests", "js"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "validate-event.mjs", schema }.Concat(files))
        {
            start.ArgumentList.Add(argument);
        }
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"{await output}{await errors}");
    }

    /// <summary>Saves the calls' events and validates them against <paramref name="schema"/>.</summary>
    public static async Task SaveAndValidateAsync(string schema, string records, IEnumerable<Curl.Result> calls) =>
        await ValidateAsync(schema, await SaveAsync(records, calls));
}
