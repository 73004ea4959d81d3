using System.Text.Json.Serialization;
using Fulmen.Lambda.Serialization;

namespace Fulmen.Lambda.KinesisEvents;

/// <summary>A Kinesis batch delivered with a tumbling window: the records plus the window and its state so far.</summary>
public class KinesisTimeWindowEvent : KinesisEvent
{
    /// <summary>The time window the records belong to.</summary>
    [JsonPropertyName("window")]
    public TimeWindow? Window { get; set; }

    /// <summary>The state returned by the previous invocation of this window (numbers arrive as strings here).</summary>
    [JsonPropertyName("state")]
    [JsonConverter(typeof(DictionaryLongToStringJsonConverter))]
    public Dictionary<string, string>? State { get; set; }

    /// <summary>The shard the records come from.</summary>
    [JsonPropertyName("shardId")]
    public string? ShardId { get; set; }

    /// <summary>The ARN of the stream or stream consumer.</summary>
    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceARN { get; set; }

    /// <summary>True on the last invocation of the window; the next one starts a new window with fresh state.</summary>
    [JsonPropertyName("isFinalInvokeForWindow")]
    public bool? IsFinalInvokeForWindow { get; set; }

    /// <summary>True when the window ended early; the next invocation continues it with fresh state.</summary>
    [JsonPropertyName("isWindowTerminatedEarly")]
    public bool? IsWindowTerminatedEarly { get; set; }

    /// <summary>The bounds of a tumbling window.</summary>
    public class TimeWindow
    {
        /// <summary>The window start (UTC).</summary>
        [JsonPropertyName("start")]
        public DateTime Start { get; set; }

        /// <summary>The window end (UTC).</summary>
        [JsonPropertyName("end")]
        public DateTime End { get; set; }
    }
}
