using System.Text.Json.Serialization;

namespace Fulmen.Buckets.Notifications.Configuration;

/// <summary>Where one configuration sends its events: a function, a queue or a topic (EventBridge is a bucket-wide switch).</summary>
public enum DestinationKind
{
    Lambda,
    Queue,
    Topic,
}

/// <summary>
/// One configuration of a bucket's notification configuration: its id (<c>configurationId</c> in the event), the
/// destination, the event types (<c>s3:ObjectCreated:*</c>, <c>s3:ObjectRemoved:Delete</c>, …) and the key filter.
/// </summary>
public sealed record NotificationRule(DestinationKind Kind, string Id, string Arn, List<string> Events, string? Prefix, string? Suffix)
{
    /// <summary>Whether a change named <paramref name="eventName"/> (<c>ObjectCreated:Put</c>) of <paramref name="key"/> is for this rule.</summary>
    public bool Matches(string eventName, string key) =>
        Events.Exists(e => EventTypes.Covers(e, eventName))
        && (Prefix is null || key.StartsWith(Prefix, StringComparison.Ordinal))
        && (Suffix is null || key.EndsWith(Suffix, StringComparison.Ordinal));
}

/// <summary>A bucket's notification configuration as stored (collection <c>s3.notifications</c>, id = bucket name).</summary>
/// <param name="BucketId">The bucket it belongs to: a bucket deleted and created again under the same name has none.</param>
public sealed record BucketNotificationRecord(string Bucket, string BucketId, List<NotificationRule> Rules, bool EventBridge)
{
    public bool IsEmpty => Rules.Count == 0 && !EventBridge;
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BucketNotificationRecord))]
internal sealed partial class NotificationJson : JsonSerializerContext;
