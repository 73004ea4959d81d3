using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>
/// Queues wired to functions by event source mappings, end to end with the AWS CLI: the SQS event in AWS's shape,
/// filter criteria that delete what they reject without invoking, and partial batch failures that come back until the
/// redrive policy moves them to the dead-letter queue.
/// </summary>
[Trait("Backend", "Both")]
public sealed class SqsMappingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Arn = "arn:aws:sqs:us-east-1:000000000000";

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task Mapping_FilteredQueue_OrdersInvokeInAwsShape_OthersDeletedUnseen()
    {
        var url = await CreateQueueAsync("map-orders");
        var recorder = new Recorder(fixture.Server, "map-orders");
        await fixture.Http.CreateFunctionAsync("map-orders", Recorder.DestinationFunction, recorder.Settings());
        await Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "map-orders", "--event-source-arn", $"{Arn}:map-orders",
            "--batch-size", "10", "--filter-criteria", """{"Filters":[{"Pattern":"{\"body\":{\"kind\":[\"order\"]}}"}]}""");

        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", """{"kind":"order","n":1}""",
            "--message-attributes", """{"source":{"DataType":"String","StringValue":"web"}}""");
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", """{"kind":"other","n":2}""");
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", """{"kind":"order","n":3}""");

        var records = await EventuallyAsync(() => Records(recorder).Count >= 2 && QueueEmptyAsync(url).Result, () => Records(recorder));
        Assert.Equal([1, 3], records.Select(r => JsonDocument.Parse(r.GetProperty("body").GetString()!).RootElement.GetProperty("n").GetInt32()).Order());
        var first = records.Single(r => r.GetProperty("body").GetString()!.Contains("\"n\":1", StringComparison.Ordinal));
        Assert.Equal("aws:sqs", first.GetProperty("eventSource").GetString());
        Assert.Equal($"{Arn}:map-orders", first.GetProperty("eventSourceARN").GetString());
        Assert.Equal("us-east-1", first.GetProperty("awsRegion").GetString());
        Assert.Equal("1", first.GetProperty("attributes").GetProperty("ApproximateReceiveCount").GetString());
        Assert.Equal("web", first.GetProperty("messageAttributes").GetProperty("source").GetProperty("stringValue").GetString());
        Assert.Equal("String", first.GetProperty("messageAttributes").GetProperty("source").GetProperty("dataType").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("receiptHandle").GetString()));
        Assert.DoesNotContain(Records(recorder), r => r.GetProperty("body").GetString()!.Contains("other", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mapping_PartialBatchFailure_FailedMessageEndsInTheDeadLetterQueue()
    {
        var dlqUrl = await CreateQueueAsync("map-work-dlq");
        var url = await CreateQueueAsync("map-work", "--attributes",
            $$"""{"VisibilityTimeout":"1","RedrivePolicy":"{\"deadLetterTargetArn\":\"{{Arn}}:map-work-dlq\",\"maxReceiveCount\":\"2\"}"}""");
        await fixture.Http.CreateFunctionAsync("map-work", TestFunctions.Python("""
            def handler(event, context):
                return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"] if "bad" in r["body"]]}
            """));
        await Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "map-work", "--event-source-arn", $"{Arn}:map-work",
            "--function-response-types", "ReportBatchItemFailures");

        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", "good-1");
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", "bad-1");

        string? deadLetter = null;
        for (var attempt = 0; attempt < 4 && deadLetter is null; attempt++)
        {
            var received = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", dlqUrl, "--wait-time-seconds", "20",
                "--attribute-names", "All")).StandardOutput;
            if (received.Trim().Length > 0 && JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out var messages))
            {
                deadLetter = Assert.Single(messages.EnumerateArray()).GetProperty("Body").GetString();
            }
        }
        Assert.Equal("bad-1", deadLetter);
        await EventuallyAsync(() => QueueEmptyAsync(url).Result, () => "map-work not empty");
    }

    [Fact]
    public async Task MappingToAnAlias_InvokesThroughIt_DisabledLeavesMessagesEnabledResumes()
    {
        var url = await CreateQueueAsync("map-alias");
        var recorder = new Recorder(fixture.Server, "map-alias");
        await fixture.Http.CreateFunctionAsync("map-alias", TestFunctions.Python("""
            import os

            def handler(event, context):
                for record in event["Records"]:
                    with open(os.path.join(os.environ["RECORD_DIR"], "seen-" + record["body"]), "w") as f:
                        f.write(context.invoked_function_arn)
            """), recorder.Settings());
        await Aws.SucceedAsync("lambda", "publish-version", "--function-name", "map-alias");
        await Aws.SucceedAsync("lambda", "create-alias", "--function-name", "map-alias", "--name", "live", "--function-version", "1");
        var mapping = (await Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "map-alias:live",
            "--event-source-arn", $"{Arn}:map-alias")).Json;
        var uuid = mapping.GetProperty("UUID").GetString()!;
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:map-alias:live", mapping.GetProperty("FunctionArn").GetString());

        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", "first");
        await recorder.WaitForFilesAsync("seen-first", 1, TimeSpan.FromSeconds(60));
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:map-alias:live", File.ReadAllText(Path.Combine(recorder.Directory, "seen-first")));

        await Aws.SucceedAsync("lambda", "update-event-source-mapping", "--uuid", uuid, "--no-enabled");
        await EventuallyAsync(() => State(uuid) == "Disabled", () => State(uuid));
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", "second");
        // While disabled the message stays in the queue, visible to any other reader.
        var waiting = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "ApproximateNumberOfMessages")).Json;
        Assert.Equal("1", waiting.GetProperty("Attributes").GetProperty("ApproximateNumberOfMessages").GetString());
        Assert.Empty(recorder.Files("seen-second"));

        await Aws.SucceedAsync("lambda", "update-event-source-mapping", "--uuid", uuid, "--enabled");
        await recorder.WaitForFilesAsync("seen-second", 1, TimeSpan.FromSeconds(60));
        Assert.Equal("Enabled", State(uuid));
    }

    private string State(string uuid) =>
        Aws.SucceedAsync("lambda", "get-event-source-mapping", "--uuid", uuid).Result.Json.GetProperty("State").GetString()!;

    private async Task<string> CreateQueueAsync(string name, params string[] extra) =>
        (await Aws.SucceedAsync(["sqs", "create-queue", "--queue-name", name, .. extra])).Json.GetProperty("QueueUrl").GetString()!;

    private async Task<bool> QueueEmptyAsync(string url)
    {
        var attributes = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")).Json.GetProperty("Attributes");
        return attributes.GetProperty("ApproximateNumberOfMessages").GetString() == "0"
            && attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString() == "0";
    }

    /// <summary>Every SQS record the recording function was invoked with.</summary>
    private static List<JsonElement> Records(Recorder recorder) =>
        [.. Directory.GetFiles(recorder.Directory, "record-*.json")
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("Records").EnumerateArray().Select(r => r.Clone()))];

    private static async Task<T> EventuallyAsync<T>(Func<bool> condition, Func<T> state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Not reached within 90 s; last state: {JsonSerializer.Serialize(state())}");
            }
            await Task.Delay(200);
        }
        return state();
    }
}
