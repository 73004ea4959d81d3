using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Topics.Delivery;

/// <summary>
/// One message for one subscription, as stored in the delivery queue until the endpoint has it: a notification
/// (the message for that subscription's protocol) or an http(s) subscription's confirmation request.
/// </summary>
public sealed record DeliveryItem
{
    public const string Notification = "Notification";
    public const string SubscriptionConfirmation = "SubscriptionConfirmation";

    public string Type { get; init; } = Notification;

    public required string SubscriptionId { get; init; }

    public required string TopicName { get; init; }

    public required string MessageId { get; init; }

    public required string Message { get; init; }

    public string? Subject { get; init; }

    /// <summary>ISO-8601 with milliseconds, as SNS writes <c>Timestamp</c>.</summary>
    public required string Timestamp { get; init; }

    public required string Signature { get; init; }

    public Dictionary<string, StoredAttribute>? Attributes { get; init; }

    public string? MessageGroupId { get; init; }

    public string? MessageDeduplicationId { get; init; }

    public string? SequenceNumber { get; init; }

    /// <summary>Confirmations: the token ConfirmSubscription takes.</summary>
    public string? Token { get; init; }
}

/// <summary>A message attribute as delivered: its type and its value (base64 for binary), as SNS's envelope writes it.</summary>
public sealed record StoredAttribute(string Type, string Value);

[JsonSourceGenerationOptions(JsonSerializerDefaults.General, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DeliveryItem))]
internal sealed partial class DeliveryJsonContext : JsonSerializerContext;
