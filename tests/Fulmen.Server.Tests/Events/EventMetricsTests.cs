using System.Globalization;
using System.Net;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Events;

/// <summary>
/// A rule's deliveries as <c>/metrics</c>, <c>GET /_fulmen/events</c> and <c>fulmen events</c> show them: matched,
/// delivered, failed and dropped per rule, and the last deliveries with their target and result.
/// </summary>
public sealed class EventMetricsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Account = "000000000000";

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task RuleDeliveries_CountedInMetricsEndpointAndCli()
    {
        await Aws.SucceedAsync("sqs", "create-queue", "--queue-name", "eb-metrics");
        var ruleArn = (await Aws.SucceedAsync("events", "put-rule", "--name", "metrics-rule", "--event-pattern", """{"source":["metrics.test"]}"""))
            .Json.GetProperty("RuleArn").GetString()!;
        var missing = $"arn:aws:lambda:us-east-1:{Account}:function:eb-metrics-missing";
        await Aws.SucceedAsync("events", "put-targets", "--rule", "metrics-rule", "--targets",
            $$"""[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:{{Account}}:eb-metrics"},{"Id":"fn","Arn":"{{missing}}"}]""");
        for (var i = 0; i < 2; i++)
        {
            var entries = """[{"Source":"metrics.test","DetailType":"Test","Detail":"{}"}]""";
            Assert.Equal(0, (await Aws.SucceedAsync("events", "put-events", "--entries", entries)).Json.GetProperty("FailedEntryCount").GetInt32());
        }

        // PutEvents answers once every send is settled: the counts are there already.
        var response = await fixture.Http.GetAsync("/_fulmen/events");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        var rule = response.Json.GetProperty("Buses").EnumerateArray().Single(b => b.GetProperty("Name").GetString() == "default")
            .GetProperty("Rules").EnumerateArray().Single(r => r.GetProperty("Name").GetString() == "metrics-rule");
        Assert.Equal(ruleArn, rule.GetProperty("Arn").GetString());
        Assert.Equal(["q", "fn"], rule.GetProperty("Targets").EnumerateArray().Select(t => t.GetProperty("Id").GetString()));
        Assert.Equal([2L, 2, 2, 2, 0], new[] { "Matched", "Delivered", "Failed", "Dropped", "SentToDeadLetter" }.Select(n => rule.GetProperty(n).GetInt64()));
        var recent = response.Json.GetProperty("RecentDeliveries").EnumerateArray().Where(d => d.GetProperty("Source").GetString() == ruleArn).ToList();
        Assert.Contains(recent, d => d.GetProperty("Target").GetString() == missing && d.GetProperty("Result").GetString() == "failed: NO_RESOURCE");
        Assert.Contains(recent, d => d.GetProperty("Target").GetString()!.EndsWith(":eb-metrics", StringComparison.Ordinal) && d.GetProperty("Result").GetString() == "delivered");

        var metrics = await fixture.Http.GetAsync("/metrics");
        Assert.True(metrics.Status == HttpStatusCode.OK, metrics.ToString());
        Assert.Contains("# TYPE fulmen_events_matched_total counter", metrics.Body, StringComparison.Ordinal);
        Assert.Equal(2, MetricValue(metrics.Body, "fulmen_events_matched_total", ruleArn));
        Assert.Equal(2, MetricValue(metrics.Body, "fulmen_events_delivered_total", ruleArn));
        Assert.Equal(2, MetricValue(metrics.Body, "fulmen_events_dropped_total", ruleArn));

        var json = await FulmenCli.RunAsync("events", "--json", "--endpoint-url", fixture.Server.Endpoint);
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.True(JsonDocument.Parse(json.StandardOutput).RootElement.TryGetProperty("RecentDeliveries", out _));
        var table = await FulmenCli.RunAsync("events", "--endpoint-url", fixture.Server.Endpoint);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(table.StandardOutput.Split('\n'), line => System.Text.RegularExpressions.Regex.IsMatch(line,
            @"^default\s+metrics-rule\s+ENABLED\s+q,fn\s+2\s+2\s+2\s+0\s+0$"));
        Assert.Contains(table.StandardOutput.Split('\n'), line => line.Contains(missing, StringComparison.Ordinal) && line.Contains("failed: NO_RESOURCE", StringComparison.Ordinal));
    }

    private static long MetricValue(string metrics, string metric, string source)
    {
        var line = metrics.Split('\n').Single(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains($"source=\"{source}\"", StringComparison.Ordinal));
        return long.Parse(line[(line.IndexOf('}', StringComparison.Ordinal) + 2)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
