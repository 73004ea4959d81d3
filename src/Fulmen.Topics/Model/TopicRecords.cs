using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Topics.Model;

/// <summary>
/// A topic as stored (collection <c>sns-topic</c>, id = name). <see cref="Attributes"/> holds only what the caller set
/// (DisplayName, Policy, DeliveryPolicy, FifoTopic, ContentBasedDeduplication…); defaults are added when read.
/// </summary>
public sealed record TopicRecord
{
    public required string Name { get; init; }

    public required long CreatedAt { get; init; }

    public Dictionary<string, string> Attributes { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    public bool IsFifo => Name.EndsWith(".fifo", StringComparison.Ordinal);

    [JsonIgnore]
    public bool ContentBasedDeduplication =>
        Attributes.TryGetValue(TopicAttributes.ContentBasedDeduplication, out var value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A subscription as stored (collection <c>sns-subscription</c>, id = <c>{topic}:{uuid}</c>, the ARN's last two parts).
/// An http(s) subscription waits for confirmation with <see cref="Token"/> until <see cref="Confirmed"/>.
/// </summary>
public sealed record SubscriptionRecord
{
    public required string Id { get; init; }

    public required string TopicName { get; init; }

    public required string Protocol { get; init; }

    public required string Endpoint { get; init; }

    public bool Confirmed { get; init; } = true;

    public string? Token { get; init; }

    public long CreatedAt { get; init; }

    /// <summary>What the caller set: FilterPolicy, FilterPolicyScope, RawMessageDelivery, RedrivePolicy, DeliveryPolicy…</summary>
    public Dictionary<string, string> Attributes { get; init; } = new(StringComparer.Ordinal);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TopicRecord))]
[JsonSerializable(typeof(SubscriptionRecord))]
internal sealed partial class TopicsJsonContext : JsonSerializerContext;
