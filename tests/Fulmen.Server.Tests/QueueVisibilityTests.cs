using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// The asynchronous queue as people and monitoring see it: <c>fulmen queue</c> (table and <c>--json</c>), the
/// <c>/_fulmen/queue</c> endpoint behind it, and the Prometheus metrics at <c>/metrics</c>.
/// </summary>
public sealed partial class QueueVisibilityTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private const string RecorderArn = "arn:aws:lambda:us-east-1:000000000000:function:recorder";

    /// <summary>The members of each function in <c>/_fulmen/queue</c>, in the table's order.</summary>
    private static readonly string[] Counts = ["Waiting", "InFlight", "Retrying", "Succeeded", "SentOnSuccess", "SentOnFailure", "Dropped"];

    /// <summary>Instrument names as the exporter writes them, in the order of <see cref="Counts"/>.</summary>
    private static readonly string[] Metrics =
    [
        "fulmen_async_events_waiting", "fulmen_async_events_in_flight", "fulmen_async_events_retrying",
        "fulmen_async_events_succeeded_total", "fulmen_async_events_sent_on_success_total",
        "fulmen_async_events_sent_on_failure_total", "fulmen_async_events_dropped_total",
    ];

    [Fact]
    public async Task Queue_AfterEventsEndEveryWay_TableJsonAndMetricsShowEachFunctionsCounts()
    {
        await using var server = await FulmenServer.StartAsync("--async-retry-base", "1");
        var (lambda, http, recorder) = AsyncInvokeTests.Setup(server, "queue");
        using var disposeHttp = http;
        await http.CreateFunctionAsync("echo", TestFunctions.PythonEcho);
        await http.CreateFunctionAsync("notified", TestFunctions.PythonEcho);
        await http.CreateFunctionAsync("flaky", Recorder.FlakyFunction, recorder.Settings());
        await http.CreateFunctionAsync("failing", Recorder.FlakyFunction, recorder.Settings());
        await http.CreateFunctionAsync("recorder", Recorder.DestinationFunction, recorder.Settings());
        await lambda.Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", "notified",
            "--destination-config", $$$"""{"OnSuccess":{"Destination":"{{{RecorderArn}}}"}}""");
        await lambda.Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", "flaky", "--maximum-retry-attempts", "0");
        await lambda.Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", "failing", "--maximum-retry-attempts", "0",
            "--destination-config", $$$"""{"OnFailure":{"Destination":"{{{RecorderArn}}}"}}""");

        foreach (var (function, payload) in new[]
        {
            ("echo", """{"name":"a"}"""), ("echo", """{"name":"b"}"""), ("notified", """{"name":"c"}"""), ("flaky", "{}"), ("failing", "{}"),
        })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await http.InvokeEventAsync(function, payload)).Status);
        }

        // Waiting, in flight, retrying, succeeded, sent on success, sent on failure, dropped.
        var expected = new Dictionary<string, long[]>
        {
            ["echo"] = [0, 0, 0, 2, 0, 0, 0],
            ["failing"] = [0, 0, 0, 0, 0, 1, 0],
            ["flaky"] = [0, 0, 0, 0, 0, 0, 1],
            ["notified"] = [0, 0, 0, 0, 1, 0, 0],
            ["recorder"] = [0, 0, 0, 2, 0, 0, 0], // the two destination records, delivered as its own async events
        };
        var json = await WaitForQueueAsync(server, expected);
        Assert.Equal(expected.Keys, json.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()));

        var table = await FulmenCli.RunAsync("queue", "--endpoint-url", server.Endpoint);
        Assert.True(table.ExitCode == 0, table.ToString());
        var lines = table.StandardOutput.TrimEnd().Split('\n');
        Assert.Equal("FUNCTION  WAITING  IN-FLIGHT  RETRYING  SUCCEEDED  TO-ON-SUCCESS  TO-ON-FAILURE  DROPPED", lines[0]);
        Assert.Equal(
        [
            "echo            0          0         0          2              0              0        0",
            "failing         0          0         0          0              0              1        0",
            "flaky           0          0         0          0              0              0        1",
            "notified        0          0         0          0              1              0        0",
            "recorder        0          0         0          2              0              0        0",
        ], lines[1..]);

        var raw = await FulmenCli.RunAsync("queue", "--json", "--endpoint-url", server.Endpoint);
        Assert.True(raw.ExitCode == 0, raw.ToString());
        Assert.Equal(Snapshot(json), Snapshot(JsonDocument.Parse(raw.StandardOutput).RootElement));

        var metrics = await ScrapeAsync(server);
        Assert.Contains("# TYPE fulmen_async_events_waiting gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE fulmen_async_events_dropped_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains("\nfulmen_async_events_dropped_total{function=\"flaky\"} 1\n", metrics, StringComparison.Ordinal);
        foreach (var (function, values) in expected)
        {
            Assert.Equal(values, Metrics.Select(name => MetricValue(metrics, name, function)).ToArray());
        }
    }

    [Fact]
    public async Task Queue_WhileAnEventWaitsForItsRetry_ShowsItRetryingInTableAndMetrics()
    {
        // A retry base of 30 s keeps the failed event waiting for its first retry long enough to look at it.
        await using var server = await FulmenServer.StartAsync("--async-retry-base", "30");
        var (_, http, recorder) = AsyncInvokeTests.Setup(server, "retrying");
        using var disposeHttp = http;
        await http.CreateFunctionAsync("flaky", Recorder.FlakyFunction, recorder.Settings());
        Assert.Equal(HttpStatusCode.Accepted, (await http.InvokeEventAsync("flaky", "{}")).Status);

        await WaitForQueueAsync(server, new Dictionary<string, long[]> { ["flaky"] = [0, 0, 1, 0, 0, 0, 0] });

        var table = await FulmenCli.RunAsync("queue", "--endpoint-url", server.Endpoint);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"^flaky\s+0\s+0\s+1\s+0\s+0\s+0\s+0$", table.StandardOutput.TrimEnd().Split('\n')[1]);
        var metrics = await ScrapeAsync(server);
        Assert.Equal(1, MetricValue(metrics, "fulmen_async_events_retrying", "flaky"));
        Assert.Equal(0, MetricValue(metrics, "fulmen_async_events_dropped_total", "flaky"));
    }

    [Fact]
    public async Task Queue_WithOnlySynchronousInvokes_SaysNoAsynchronousEventsYet()
    {
        await using var server = await FulmenServer.StartAsync();
        using var http = new LambdaHttp(server);
        await http.CreateFunctionAsync("echo", TestFunctions.PythonEcho);
        Assert.Equal(HttpStatusCode.OK, (await http.InvokeAsync("echo", """{"name":"sync"}""")).Status);

        var table = await FulmenCli.RunAsync("queue", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, table.ExitCode);
        Assert.Equal("No asynchronous events yet.", table.StandardOutput.Trim());

        var raw = await FulmenCli.RunAsync("queue", "--json", "--endpoint-url", server.Endpoint);
        Assert.Equal("""{"Functions":[]}""", raw.StandardOutput.Trim());
        var metrics = await ScrapeAsync(server);
        Assert.DoesNotContain("fulmen_async_events_", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_NoServer_ExitsOneWithOneClearLine()
    {
        var unreachable = await FulmenCli.RunAsync("queue", "--endpoint-url", "http://127.0.0.1:9");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.StartsWith("fulmen: cannot reach a Fulmen server at http://127.0.0.1:9", unreachable.StandardError.Trim(), StringComparison.Ordinal);
        Assert.Equal("", unreachable.StandardOutput);
    }

    [Fact]
    public async Task QueueWatch_PipedJson_PrintsASnapshotEverySecondUntilStopped()
    {
        await using var server = await FulmenServer.StartAsync();
        using var watcher = Process.Start(FulmenCli.Command("queue", "--watch", "--json", "--endpoint-url", server.Endpoint))!;
        try
        {
            var snapshots = 0;
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (snapshots < 2 && await watcher.StandardOutput.ReadLineAsync(guard.Token) is { } line)
            {
                if (line.Length > 0)
                {
                    Assert.Equal("""{"Functions":[]}""", line);
                    snapshots++;
                }
            }
            Assert.Equal(2, snapshots);
        }
        finally
        {
            watcher.Kill();
            await watcher.WaitForExitAsync();
        }
    }

    /// <summary>Polls <c>/_fulmen/queue</c> until it shows exactly <paramref name="expected"/>; returns that answer.</summary>
    private static async Task<JsonElement> WaitForQueueAsync(FulmenServer server, Dictionary<string, long[]> expected)
    {
        using var http = new LambdaHttp(server);
        var want = string.Join('\n', expected.Select(e => $"{e.Key} {string.Join(' ', e.Value)}"));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await http.GetAsync("/_fulmen/queue");
            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            if (Snapshot(response.Json) == want)
            {
                return response.Json;
            }
            if (clock.Elapsed > Patience)
            {
                throw new TimeoutException($"the queue did not settle within {Patience}: expected\n{want}\nlast seen\n{Snapshot(response.Json)}\nserver output:\n{server.Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The queue answer as "name counts…" lines, to compare whole snapshots in one assertion.</summary>
    private static string Snapshot(JsonElement queue) => string.Join('\n', queue.GetProperty("Functions").EnumerateArray().Select(f =>
        $"{f.GetProperty("FunctionName").GetString()} {string.Join(' ', Counts.Select(c => f.GetProperty(c).GetInt64()))}"));

    private static async Task<string> ScrapeAsync(FulmenServer server)
    {
        using var http = new LambdaHttp(server);
        var response = await http.GetAsync("/metrics");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        Assert.StartsWith("text/plain", response.Header("Content-Type"), StringComparison.Ordinal);
        return response.Body;
    }

    /// <summary>The value of <paramref name="name"/>'s series for <paramref name="function"/>, whatever other labels it has.</summary>
    private static long MetricValue(string metrics, string name, string function)
    {
        var match = SeriesLine().Matches(metrics).FirstOrDefault(m => m.Groups["name"].Value == name && m.Groups["labels"].Value.Split(',').Contains($"function=\"{function}\""))
            ?? throw new Xunit.Sdk.XunitException($"no {name} series for function {function} in:\n{metrics}");
        return long.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>\d+)$", RegexOptions.Multiline)]
    private static partial Regex SeriesLine();
}
