using System.Globalization;
using System.Net;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>
/// A mapping's counts as <c>/metrics</c>, <c>GET /_fulmen/mappings</c> and <c>fulmen mappings</c> show them, after a
/// run that goes every way: a record handled, one filtered out, one the function reports failed until the queue's
/// redrive policy moves it to the dead-letter queue.
/// </summary>
[Trait("Backend", "Both")]
public sealed class MappingMetricsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Arn = "arn:aws:sqs:us-east-1:000000000000";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>The counts of <c>/_fulmen/mappings</c> and their instruments as the exporter writes them.</summary>
    private static readonly (string Member, string Metric)[] Counts =
    [
        ("PolledEventCount", "fulmen_mapping_events_polled_total"),
        ("FilteredOutEventCount", "fulmen_mapping_events_filtered_out_total"),
        ("InvokedEventCount", "fulmen_mapping_events_invoked_total"),
        ("FailedInvokeEventCount", "fulmen_mapping_events_failed_invoke_total"),
        ("DeletedEventCount", "fulmen_mapping_events_deleted_total"),
        ("DeadLetteredEventCount", "fulmen_mapping_events_dead_lettered_total"),
    ];

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task Mapping_HandledFilteredAndDeadLettered_CountedInMetricsEndpointAndCli()
    {
        var dlqUrl = await CreateQueueAsync("metrics-work-dlq");
        // One receive before the move: the failed record is received once, then moved on the next lease. Ten seconds
        // of visibility keep a record hidden while a cold function handles it, so nothing is received twice.
        var url = await CreateQueueAsync("metrics-work", "--attributes",
            $$"""{"VisibilityTimeout":"10","RedrivePolicy":"{\"deadLetterTargetArn\":\"{{Arn}}:metrics-work-dlq\",\"maxReceiveCount\":\"1\"}"}""");
        await fixture.Http.CreateFunctionAsync("metrics-work", TestFunctions.Python("""
            def handler(event, context):
                return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"] if "bad" in r["body"]]}
            """));
        var uuid = (await Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "metrics-work", "--event-source-arn", $"{Arn}:metrics-work",
            "--function-response-types", "ReportBatchItemFailures", "--filter-criteria", """{"Filters":[{"Pattern":"{\"body\":{\"kind\":[\"order\"]}}"}]}""")).Json
            .GetProperty("UUID").GetString()!;

        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", """{"kind":"order","n":1}""");
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", """{"kind":"other","n":2}""");
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", """{"kind":"order","bad":true}""");

        // Polled 3 (the failed one once), filtered out 1, invoked 2, failed 1, deleted 1, dead-lettered 1.
        long[] expected = [3, 1, 2, 1, 1, 1];
        var status = await WaitForCountsAsync(uuid, expected);
        Assert.Equal("metrics-work", status.GetProperty("FunctionName").GetString());
        Assert.Equal(0, status.GetProperty("InFlight").GetInt32());
        Assert.True(await QueueEmptyAsync(url), "metrics-work still holds messages");
        Assert.Equal("1", (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", dlqUrl, "--attribute-names", "ApproximateNumberOfMessages"))
            .Json.GetProperty("Attributes").GetProperty("ApproximateNumberOfMessages").GetString());
        Assert.InRange(status.GetProperty("OldestMessageAgeSeconds").GetDouble(), 0, Patience.TotalSeconds);

        var metrics = await ScrapeAsync();
        Assert.Contains("# TYPE fulmen_mapping_events_polled_total counter", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE fulmen_mapping_batches_in_flight gauge", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE fulmen_mapping_oldest_record_age_seconds gauge", metrics, StringComparison.Ordinal);
        Assert.Equal(expected, Counts.Select(count => MetricValue(metrics, count.Metric, uuid)).ToArray());

        var json = await FulmenCli.RunAsync("mappings", "--json", "--endpoint-url", fixture.Server.Endpoint);
        Assert.True(json.ExitCode == 0, json.ToString());
        var mapping = JsonDocument.Parse(json.StandardOutput).RootElement.GetProperty("EventSourceMappings").EnumerateArray()
            .Single(m => m.GetProperty("UUID").GetString() == uuid);
        var counts = mapping.GetProperty("Metrics");
        Assert.Equal(expected, Counts.Select(count => counts.GetProperty(count.Member).GetInt64()).ToArray());
        Assert.Equal("OK", mapping.GetProperty("LastProcessingResult").GetString());

        var table = await FulmenCli.RunAsync("mappings", "--endpoint-url", fixture.Server.Endpoint);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains(table.StandardOutput.Split('\n'), line => System.Text.RegularExpressions.Regex.IsMatch(line,
            $@"^{uuid}\s+metrics-work\s+{Arn}:metrics-work\s+Enabled\s+10\s+0\s+OK"));
    }

    /// <summary>Polls <c>/_fulmen/mappings</c> until the mapping's counts are <paramref name="expected"/>; its entry then.</summary>
    private async Task<JsonElement> WaitForCountsAsync(string uuid, long[] expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var response = await fixture.Http.GetAsync("/_fulmen/mappings");
            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            var status = response.Json.GetProperty("Mappings").EnumerateArray().FirstOrDefault(m => m.GetProperty("UUID").GetString() == uuid);
            var seen = status.ValueKind == JsonValueKind.Object ? Counts.Select(count => status.GetProperty(count.Member).GetInt64()).ToArray() : [];
            if (seen.SequenceEqual(expected) && status.GetProperty("InFlight").GetInt32() == 0)
            {
                return status.Clone();
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"mapping {uuid} never counted [{string.Join(", ", expected)}]; last seen {status}\nserver:\n{fixture.Server.Output}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>The value of <paramref name="metric"/> in the series of mapping <paramref name="uuid"/> (tags in any order).</summary>
    private static long MetricValue(string metrics, string metric, string uuid)
    {
        var line = metrics.Split('\n').Single(l => l.StartsWith(metric + "{", StringComparison.Ordinal) && l.Contains($"mapping=\"{uuid}\"", StringComparison.Ordinal));
        Assert.Contains("function=\"metrics-work\"", line, StringComparison.Ordinal);
        return long.Parse(line[(line.IndexOf('}', StringComparison.Ordinal) + 2)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await fixture.Http.GetAsync("/metrics");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return response.Body;
    }

    private async Task<string> CreateQueueAsync(string name, params string[] extra) =>
        (await Aws.SucceedAsync(["sqs", "create-queue", "--queue-name", name, .. extra])).Json.GetProperty("QueueUrl").GetString()!;

    private async Task<bool> QueueEmptyAsync(string url)
    {
        var attributes = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")).Json.GetProperty("Attributes");
        return attributes.GetProperty("ApproximateNumberOfMessages").GetString() == "0"
            && attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString() == "0";
    }
}
