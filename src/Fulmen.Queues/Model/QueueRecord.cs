using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Queues.Model;

/// <summary>
/// A queue as stored: its name, the attributes a caller set (defaults are not stored, so they can change with
/// the server), its tags, and the key of its items in the queue store.
/// </summary>
public sealed record QueueRecord
{
    public required string Name { get; init; }

    /// <summary>The queue store's name for this queue's items: a recreated queue never sees its predecessor's items.</summary>
    public required string StoreKey { get; init; }

    /// <summary>Seconds since the epoch, as SQS reports <c>CreatedTimestamp</c>.</summary>
    public required long CreatedTimestamp { get; init; }

    public required long LastModifiedTimestamp { get; init; }

    public Dictionary<string, string> Attributes { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>What a stored item carries besides the body: the message id, attributes and their checksums.</summary>
public sealed record StoredMessage
{
    public required string MessageId { get; init; }

    public required string Md5OfBody { get; init; }

    public string? Md5OfMessageAttributes { get; init; }

    public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; init; }

    public required string SenderId { get; init; }

    /// <summary>SQS's MessageGroupId (FIFO queues; fair standard queues).</summary>
    public string? MessageGroupId { get; init; }

    /// <summary>The deduplication id a FIFO message was sent with (given, or the body's SHA-256).</summary>
    public string? MessageDeduplicationId { get; init; }

    /// <summary>Milliseconds since the epoch of the first receive; written when the message is first received.</summary>
    public long? FirstReceivedAt { get; init; }

    /// <summary>In a dead-letter queue: the ARN of the queue the message was redriven from (where a move task returns it).</summary>
    public string? DeadLetterSourceArn { get; init; }
}

/// <summary>A message attribute: its type (<c>String</c>, <c>Number</c>, <c>Binary</c>, with an optional <c>.label</c>) and value.</summary>
public sealed record MessageAttributeValue
{
    public required string DataType { get; init; }

    public string? StringValue { get; init; }

    /// <summary>Base64, as both wire protocols carry it.</summary>
    public string? BinaryValue { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QueueRecord))]
[JsonSerializable(typeof(StoredMessage))]
internal sealed partial class QueuesJsonContext : JsonSerializerContext;
