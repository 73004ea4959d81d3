using System.Globalization;
using System.Text.Json.Nodes;
using Fulmen.Queues.Model;
using Fulmen.Storage.Queues;

namespace Fulmen.Queues.Messages;

/// <summary>
/// What a ReceiveMessage asked to see of each message: system attributes (<c>All</c> or by name) and message
/// attributes (<c>All</c>, <c>.*</c>, a name, or a prefix ending in <c>.*</c>).
/// </summary>
internal sealed class MessageSelection(IReadOnlyList<string> systemNames, IReadOnlyList<string> attributeNames)
{
    private bool WantsSystem(string name) => systemNames.Contains("All") || systemNames.Contains(name);

    private bool WantsAttribute(string name) => attributeNames.Any(pattern =>
        pattern is "All" or ".*" || pattern == name
        || (pattern.EndsWith(".*", StringComparison.Ordinal) && name.StartsWith(pattern[..^1], StringComparison.Ordinal)));

    /// <summary>The message as ReceiveMessage answers it (JSON shape).</summary>
    public JsonObject Write(StoredMessage message, QueueItem item, string receiptHandle)
    {
        var result = new JsonObject
        {
            ["MessageId"] = message.MessageId,
            ["ReceiptHandle"] = receiptHandle,
            ["MD5OfBody"] = message.Md5OfBody,
            ["Body"] = System.Text.Encoding.UTF8.GetString(item.Body.Span),
        };
        var system = new JsonObject();
        AddSystem(system, "SenderId", message.SenderId);
        AddSystem(system, "ApproximateFirstReceiveTimestamp", Text(message.FirstReceivedAt ?? item.VisibleAt.ToUnixTimeMilliseconds()));
        AddSystem(system, "ApproximateReceiveCount", Text(item.ReceiveCount));
        AddSystem(system, "SentTimestamp", Text(item.EnqueuedAt.ToUnixTimeMilliseconds()));
        if (message.MessageGroupId is { } group)
        {
            AddSystem(system, "MessageGroupId", group);
        }
        if (message.MessageDeduplicationId is { } deduplicationId)
        {
            // Only FIFO messages have one, and only they have a SequenceNumber.
            AddSystem(system, "MessageDeduplicationId", deduplicationId);
            AddSystem(system, "SequenceNumber", FifoAttributes.SequenceNumber(item.Id));
        }
        if (message.DeadLetterSourceArn is { } source)
        {
            AddSystem(system, "DeadLetterQueueSourceArn", source);
        }
        if (system.Count > 0)
        {
            result["Attributes"] = system;
        }
        var selected = (message.MessageAttributes ?? []).Where(a => WantsAttribute(a.Key)).ToList();
        if (selected.Count > 0)
        {
            // The checksum covers the attributes answered, as SDKs recompute it from what they received.
            result["MD5OfMessageAttributes"] = MessageMd5.OfAttributes(selected.ToDictionary(StringComparer.Ordinal));
            var attributes = new JsonObject();
            foreach (var (name, value) in selected)
            {
                var entry = new JsonObject();
                if (value.StringValue is { } text)
                {
                    entry["StringValue"] = text;
                }
                if (value.BinaryValue is { } binary)
                {
                    entry["BinaryValue"] = binary;
                }
                entry["DataType"] = value.DataType;
                attributes[name] = entry;
            }
            result["MessageAttributes"] = attributes;
        }
        return result;
    }

    private void AddSystem(JsonObject system, string name, string value)
    {
        if (WantsSystem(name))
        {
            system[name] = value;
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
