using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CloudWatchEvents;

/// <summary>An EventBridge (CloudWatch Events) event, with a <c>detail</c> of type <typeparamref name="T"/>
/// (a class of your own, or <see cref="System.Text.Json.JsonElement"/> for any shape).</summary>
public class CloudWatchEvent<T> : ICloudWatchEvent<T>
{
    /// <summary>The envelope version, <c>0</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>The 12-digit account ID the event belongs to.</summary>
    [JsonPropertyName("account")]
    public string? Account { get; set; }

    /// <summary>The region the event came from.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; set; }

    /// <summary>The event's payload; its shape depends on <see cref="Source"/> and <see cref="DetailType"/>.</summary>
    [JsonPropertyName("detail")]
    public T? Detail { get; set; }

    /// <summary>What kind of event this is, e.g. <c>Scheduled Event</c>.</summary>
    [JsonPropertyName("detail-type")]
    public string? DetailType { get; set; }

    /// <summary>The service or application that sent the event (<c>aws.*</c> for AWS services).</summary>
    [JsonPropertyName("source")]
    public string? Source { get; set; }

    /// <summary>When the event happened.</summary>
    [JsonPropertyName("time")]
    public DateTime Time { get; set; }

    /// <summary>The event ID.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>ARNs of the resources the event is about.</summary>
    [JsonPropertyName("resources")]
    public List<string>? Resources { get; set; }

    /// <summary>The name of the replay, for an event replayed from an archive.</summary>
    [JsonPropertyName("replay-name")]
    public string? ReplayName { get; set; }
}
