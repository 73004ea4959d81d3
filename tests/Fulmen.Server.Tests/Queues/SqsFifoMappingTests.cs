using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>
/// A FIFO queue wired to a function: each message group reaches the function in send order, also when a batch fails
/// and comes back after the visibility timeout while later messages of its group wait.
/// </summary>
[Trait("Backend", "Both")]
public sealed class SqsFifoMappingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Arn = "arn:aws:sqs:us-east-1:000000000000";
    private const int PerGroup = 5;
    private static readonly string[] Groups = ["A", "B", "C"];

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task FifoMapping_BatchFailsOnce_EveryGroupIsProcessedInSendOrder()
    {
        var url = (await Aws.SucceedAsync("sqs", "create-queue", "--queue-name", "map-fifo.fifo", "--attributes",
            "FifoQueue=true,ContentBasedDeduplication=true,VisibilityTimeout=5")).Json.GetProperty("QueueUrl").GetString()!;
        var recorder = new Recorder(fixture.Server, "map-fifo");
        // Fails the first batch holding B-3; every successful batch is written whole, named by when it finished.
        await fixture.Http.CreateFunctionAsync("map-fifo", TestFunctions.Python("""
            import json, os, time

            def handler(event, context):
                directory = os.environ["RECORD_DIR"]
                marker = os.path.join(directory, "failed-once")
                if any(r["body"] == "B-3" for r in event["Records"]) and not os.path.exists(marker):
                    open(marker, "w").close()
                    raise Exception("B-3 fails once")
                temporary = os.path.join(directory, "tmp-" + context.aws_request_id)
                with open(temporary, "w") as f:
                    json.dump(event, f)
                os.rename(temporary, os.path.join(directory, "ok-%020d-%s.json" % (time.time_ns(), context.aws_request_id)))
            """), recorder.Settings());
        await Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "map-fifo", "--event-source-arn", $"{Arn}:map-fifo.fifo",
            "--batch-size", "10");

        var messages = Enumerable.Range(1, PerGroup).SelectMany(n => Groups.Select(g => (Group: g, Body: $"{g}-{n}"))).ToList();
        foreach (var chunk in messages.Chunk(10))
        {
            var entries = JsonSerializer.Serialize(chunk.Select((m, i) => new { Id = $"e{i}", MessageBody = m.Body, MessageGroupId = m.Group }));
            var sent = (await Aws.SucceedAsync("sqs", "send-message-batch", "--queue-url", url, "--entries", entries)).Json;
            Assert.Equal(chunk.Length, sent.GetProperty("Successful").GetArrayLength());
        }

        var processed = await EventuallyAsync(() => Processed(recorder).Count >= messages.Count, () => Processed(recorder));
        Assert.True(File.Exists(Path.Combine(recorder.Directory, "failed-once")), "the function never failed");
        foreach (var group in Groups)
        {
            var order = processed.Where(r => r.GetProperty("attributes").GetProperty("MessageGroupId").GetString() == group)
                .Select(r => r.GetProperty("body").GetString()).ToList();
            Assert.Equal(Enumerable.Range(1, PerGroup).Select(n => $"{group}-{n}"), order);
        }
        var record = processed[0].GetProperty("attributes");
        Assert.Equal(20, record.GetProperty("SequenceNumber").GetString()!.Length);
        Assert.Equal(64, record.GetProperty("MessageDeduplicationId").GetString()!.Length);
        var retried = processed.Single(r => r.GetProperty("body").GetString() == "B-3").GetProperty("attributes");
        Assert.Equal("2", retried.GetProperty("ApproximateReceiveCount").GetString());
        await EventuallyAsync(() => QueueEmptyAsync(url).Result, () => "map-fifo.fifo not empty");
    }

    /// <summary>The records of every successful invoke, in the order the invokes finished.</summary>
    private static List<JsonElement> Processed(Recorder recorder) =>
        [.. Directory.GetFiles(recorder.Directory, "ok-*.json").Order(StringComparer.Ordinal)
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("Records").EnumerateArray().Select(r => r.Clone()))];

    private async Task<bool> QueueEmptyAsync(string url)
    {
        var attributes = (await Aws.SucceedAsync("sqs", "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")).Json.GetProperty("Attributes");
        return attributes.GetProperty("ApproximateNumberOfMessages").GetString() == "0"
            && attributes.GetProperty("ApproximateNumberOfMessagesNotVisible").GetString() == "0";
    }

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
