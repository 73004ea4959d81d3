using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Scheduler;

/// <summary>Reads what schedules sent to a queue, through the AWS CLI: bodies, and messages with their attributes.</summary>
internal static class QueueReader
{
    /// <summary>Receives (and deletes) messages until <paramref name="count"/> arrived, then drains what else is there.</summary>
    public static async Task<List<JsonElement>> ReceiveAllAsync(AwsCli aws, string queueUrl, int count, TimeSpan? within = null)
    {
        var messages = new List<JsonElement>();
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var received = (await aws.SucceedAsync("sqs", "receive-message", "--queue-url", queueUrl, "--max-number-of-messages", "10",
                "--message-attribute-names", "All", "--wait-time-seconds", messages.Count >= count ? "1" : "5")).StandardOutput;
            var batch = received.Trim().Length == 0 || !JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out var m) ? [] : m.EnumerateArray().ToList();
            foreach (var message in batch)
            {
                messages.Add(message);
                await aws.SucceedAsync("sqs", "delete-message", "--queue-url", queueUrl, "--receipt-handle", message.GetProperty("ReceiptHandle").GetString()!);
            }
            if (messages.Count >= count && batch.Count == 0)
            {
                return messages;
            }
            if (messages.Count < count && guard.Elapsed > (within ?? TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"expected {count} messages on {queueUrl}, received {messages.Count}");
            }
        }
    }

    public static JsonElement Body(JsonElement message) => JsonDocument.Parse(message.GetProperty("Body").GetString()!).RootElement;

    public static string? Attribute(JsonElement message, string name) =>
        message.TryGetProperty("MessageAttributes", out var attributes) && attributes.TryGetProperty(name, out var value) ? value.GetProperty("StringValue").GetString() : null;
}
