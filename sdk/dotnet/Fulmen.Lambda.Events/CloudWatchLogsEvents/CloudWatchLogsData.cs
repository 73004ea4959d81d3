using System.Text.Json.Serialization;
using Fulmen.Lambda.Serialization;

namespace Fulmen.Lambda.CloudWatchLogsEvents;

/// <summary>The decoded document of a <see cref="CloudWatchLogsEvent"/>: a batch of log events from one log stream.</summary>
public class CloudWatchLogsData
{
    /// <summary><c>DATA_MESSAGE</c>, or <c>CONTROL_MESSAGE</c> when CloudWatch Logs checks that the destination is reachable.</summary>
    [JsonPropertyName("messageType")]
    public string? MessageType { get; set; }

    /// <summary>The account ID of the log data.</summary>
    [JsonPropertyName("owner")]
    public string? Owner { get; set; }

    /// <summary>The log group name.</summary>
    [JsonPropertyName("logGroup")]
    public string? LogGroup { get; set; }

    /// <summary>The log stream name.</summary>
    [JsonPropertyName("logStream")]
    public string? LogStream { get; set; }

    /// <summary>The names of the subscription filters that matched.</summary>
    [JsonPropertyName("subscriptionFilters")]
    public List<string>? SubscriptionFilters { get; set; }

    /// <summary>The log events.</summary>
    [JsonPropertyName("logEvents")]
    public List<CloudWatchLogsLogEvent>? LogEvents { get; set; }

    /// <summary>The policy level, for events of an account-level subscription policy.</summary>
    [JsonPropertyName("policyLevel")]
    public string? PolicyLevel { get; set; }

    /// <summary>One log event.</summary>
    public class CloudWatchLogsLogEvent
    {
        /// <summary>The event ID (a long decimal string).</summary>
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        /// <summary>When the event was logged (milliseconds since the epoch in the JSON).</summary>
        [JsonPropertyName("timestamp")]
        [JsonConverter(typeof(EpochMillisecondsDateTimeConverter))]
        public DateTime Timestamp { get; set; }

        /// <summary>The log message.</summary>
        [JsonPropertyName("message")]
        public string? Message { get; set; }

        /// <summary>The fields a space-delimited filter pattern extracted, by name.</summary>
        [JsonPropertyName("extractedFields")]
        public Dictionary<string, string>? ExtractedFields { get; set; }
    }
}
