using System.Text.Json.Serialization;
using Fulmen.Lambda.KafkaEvents.Converters;
using Fulmen.Lambda.Serialization;

namespace Fulmen.Lambda.KafkaEvents;

/// <summary>A batch of Apache Kafka records from Amazon MSK or a self-managed cluster, delivered by an event source mapping.</summary>
public class KafkaEvent
{
    /// <summary><c>aws:kafka</c> for Amazon MSK, <c>SelfManagedKafka</c> for a self-managed cluster.</summary>
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; set; }

    /// <summary>The ARN of the MSK cluster; absent for a self-managed cluster.</summary>
    [JsonPropertyName("eventSourceArn")]
    public string? EventSourceArn { get; set; }

    /// <summary>The brokers as a comma-separated <c>host:port</c> list.</summary>
    [JsonPropertyName("bootstrapServers")]
    public string? BootstrapServers { get; set; }

    /// <summary>The records, grouped by <c>topic-partition</c> (e.g. <c>orders-0</c>).</summary>
    [JsonPropertyName("records")]
    public IDictionary<string, IList<KafkaEventRecord>>? Records { get; set; }

    /// <summary>One Kafka record.</summary>
    public class KafkaEventRecord
    {
        /// <summary>The topic.</summary>
        [JsonPropertyName("topic")]
        public string? Topic { get; set; }

        /// <summary>The partition within the topic.</summary>
        [JsonPropertyName("partition")]
        public int Partition { get; set; }

        /// <summary>The offset within the partition.</summary>
        [JsonPropertyName("offset")]
        public long Offset { get; set; }

        /// <summary>The record timestamp in milliseconds since the Unix epoch.</summary>
        [JsonPropertyName("timestamp")]
        public long Timestamp { get; set; }

        /// <summary>What <see cref="Timestamp"/> means: <c>CREATE_TIME</c> or <c>LOG_APPEND_TIME</c>.</summary>
        [JsonPropertyName("timestampType")]
        public string? TimestampType { get; set; }

        /// <summary>The record key, base64-encoded; absent for a null key.</summary>
        [JsonPropertyName("key")]
        public string? Key { get; set; }

        /// <summary>The record value, decoded from base64.</summary>
        [JsonPropertyName("value")]
        [JsonConverter(typeof(Base64MemoryStreamConverter))]
        public MemoryStream? Value { get; set; }

        /// <summary>The record headers: one single-entry map per header, name to raw bytes (JSON arrays of byte values).</summary>
        [JsonPropertyName("headers")]
        [JsonConverter(typeof(KafkaHeadersConverter))]
        public IList<IDictionary<string, byte[]>>? Headers { get; set; }
    }
}
