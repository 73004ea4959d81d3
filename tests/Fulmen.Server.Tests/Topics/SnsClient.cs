using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Topics;

/// <summary>What the topic tests do again and again with the AWS CLI: topics, queues to subscribe, receiving what arrived.</summary>
internal sealed class SnsClient(AwsCli aws)
{
    public const string Account = "000000000000";

    public AwsCli Aws => aws;

    public static string TopicArn(string name) => $"arn:aws:sns:us-east-1:{Account}:{name}";

    public static string QueueArn(string name) => $"arn:aws:sqs:us-east-1:{Account}:{name}";

    public async Task<string> CreateTopicAsync(string name, params string[] arguments) =>
        (await aws.SucceedAsync(["sns", "create-topic", "--name", name, .. arguments])).Json.GetProperty("TopicArn").GetString()!;

    public async Task<string> CreateQueueAsync(string name, params string[] arguments) =>
        (await aws.SucceedAsync(["sqs", "create-queue", "--queue-name", name, .. arguments])).Json.GetProperty("QueueUrl").GetString()!;

    public async Task<string> SubscribeAsync(string topicArn, string protocol, string endpoint, string? attributes = null)
    {
        string[] arguments = ["sns", "subscribe", "--topic-arn", topicArn, "--protocol", protocol, "--notification-endpoint", endpoint, "--return-subscription-arn"];
        if (attributes is not null)
        {
            arguments = [.. arguments, "--attributes", attributes];
        }
        return (await aws.SucceedAsync(arguments)).Json.GetProperty("SubscriptionArn").GetString()!;
    }

    public async Task<string> PublishAsync(string topicArn, string message, params string[] arguments) =>
        (await aws.SucceedAsync(["sns", "publish", "--topic-arn", topicArn, "--message", message, .. arguments])).Json.GetProperty("MessageId").GetString()!;

    /// <summary>Long-polls the queue until <paramref name="count"/> messages came (a minute at most); deletes them; in the order received.</summary>
    public async Task<List<JsonElement>> ReceiveAsync(string url, int count)
    {
        var messages = new List<JsonElement>();
        for (var attempt = 0; attempt < 6 && messages.Count < count; attempt++)
        {
            var received = (await aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "10",
                "--max-number-of-messages", "10", "--message-attribute-names", "All", "--attribute-names", "All")).StandardOutput;
            if (received.Trim().Length > 0 && JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out var batch))
            {
                foreach (var message in batch.EnumerateArray())
                {
                    messages.Add(message.Clone());
                    await aws.SucceedAsync("sqs", "delete-message", "--queue-url", url, "--receipt-handle", message.GetProperty("ReceiptHandle").GetString()!);
                }
            }
        }
        Assert.True(count == messages.Count, $"expected {count} messages, received {messages.Count}: {string.Join("\n", messages)}");
        return messages;
    }

    /// <summary>Asserts that nothing (more) arrives within a short long poll.</summary>
    public async Task AssertEmptyAsync(string url)
    {
        var received = (await aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "2")).StandardOutput;
        Assert.True(received.Trim().Length == 0 || !JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out _), received);
    }

    public static JsonElement Body(JsonElement message) => JsonDocument.Parse(message.GetProperty("Body").GetString()!).RootElement;
}
