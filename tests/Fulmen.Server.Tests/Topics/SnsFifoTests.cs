using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Topics;

/// <summary>
/// A FIFO topic to FIFO queues: each message group arrives in the order published, deduplicated within five minutes
/// (by id or by content), with the topic's sequence numbers; the envelope carries them.
/// </summary>
[Trait("Backend", "Both")]
public sealed class SnsFifoTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SnsClient Sns => new(fixture.Lambda.Aws);

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task FifoTopic_ToFifoQueues_KeepsEachGroupInOrder_AndDeduplicates()
    {
        var topic = await Sns.CreateTopicAsync("orders.fifo", "--attributes", "FifoTopic=true,ContentBasedDeduplication=true");
        var raw = await Sns.CreateQueueAsync("orders-raw.fifo", "--attributes", "FifoQueue=true");
        var enveloped = await Sns.CreateQueueAsync("orders-enveloped.fifo", "--attributes", "FifoQueue=true");
        await Sns.SubscribeAsync(topic, "sqs", SnsClient.QueueArn("orders-raw.fifo"), """{"RawMessageDelivery":"true"}""");
        await Sns.SubscribeAsync(topic, "sqs", SnsClient.QueueArn("orders-enveloped.fifo"));

        var sequences = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var published = (await Aws.SucceedAsync("sns", "publish", "--topic-arn", topic, "--message", $"m{i}", "--message-group-id", i % 2 == 0 ? "even" : "odd")).Json;
            sequences.Add(published.GetProperty("SequenceNumber").GetString()!);
        }
        Assert.Equal(sequences.Order(StringComparer.Ordinal), sequences);
        // Same content within the window: the same message, delivered once.
        var again = (await Aws.SucceedAsync("sns", "publish", "--topic-arn", topic, "--message", "m7", "--message-group-id", "odd")).Json;
        Assert.Equal(sequences[7], again.GetProperty("SequenceNumber").GetString());
        // An explicit id deduplicates different content.
        await Aws.SucceedAsync("sns", "publish", "--topic-arn", topic, "--message", "x1", "--message-group-id", "even", "--message-deduplication-id", "dup");
        await Aws.SucceedAsync("sns", "publish", "--topic-arn", topic, "--message", "x2", "--message-group-id", "even", "--message-deduplication-id", "dup");

        var received = await Sns.ReceiveAsync(raw, 9);
        string[] Group(string group) => [.. received.Where(m => m.GetProperty("Attributes").GetProperty("MessageGroupId").GetString() == group)
            .Select(m => m.GetProperty("Body").GetString()!)];
        Assert.Equal(["m0", "m2", "m4", "m6", "x1"], Group("even"));
        Assert.Equal(["m1", "m3", "m5", "m7"], Group("odd"));
        await Sns.AssertEmptyAsync(raw);

        var envelopes = (await Sns.ReceiveAsync(enveloped, 9)).Select(SnsClient.Body).ToList();
        Assert.Equal(["m1", "m3", "m5", "m7"], envelopes.Where(e => e.GetProperty("Message").GetString()!.StartsWith('m') && int.Parse(e.GetProperty("Message").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1)
            .Select(e => e.GetProperty("Message").GetString()));
        Assert.All(envelopes, e => Assert.True(e.TryGetProperty("SequenceNumber", out _)));
    }

    [Fact]
    public async Task FifoTopic_RefusesFunctionsAndStandardTopicsRefuseFifoQueues()
    {
        var fifo = await Sns.CreateTopicAsync("only-queues.fifo", "--attributes", "FifoTopic=true");
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "subscribe", "--topic-arn", fifo, "--protocol", "lambda",
            "--notification-endpoint", "arn:aws:lambda:us-east-1:000000000000:function:f"), "InvalidParameter", "Subscribe", "Invalid parameter: Invalid protocol type: lambda");
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "publish", "--topic-arn", fifo, "--message", "m", "--message-group-id", "g"),
            "InvalidParameter", "Publish", "Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        var standard = await Sns.CreateTopicAsync("standard-topic");
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "subscribe", "--topic-arn", standard, "--protocol", "sqs",
            "--notification-endpoint", SnsClient.QueueArn("q.fifo")), "InvalidParameter", "Subscribe", "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
    }
}
