using System.Text.Json.Serialization;
using Fulmen.Lambda.Serialization;

namespace Fulmen.Lambda.KinesisEvents;

/// <summary>A batch of Kinesis Data Streams records delivered by an event source mapping.</summary>
public class KinesisEvent
{
    /// <summary>The records in the batch.</summary>
    [JsonPropertyName("Records")]
    public IList<KinesisEventRecord>? Records { get; set; }

    /// <summary>The Kinesis data record itself.</summary>
    public class Record
    {
        /// <summary>The record schema version, <c>1.0</c>.</summary>
        [JsonPropertyName("kinesisSchemaVersion")]
        public string? KinesisSchemaVersion { get; set; }

        /// <summary>The partition key the producer chose.</summary>
        [JsonPropertyName("partitionKey")]
        public string? PartitionKey { get; set; }

        /// <summary>The sequence number within the shard; the identifier to report in a <see cref="StreamsEventResponse"/>.</summary>
        [JsonPropertyName("sequenceNumber")]
        public string? SequenceNumber { get; set; }

        /// <summary>The record payload, decoded from base64.</summary>
        [JsonPropertyName("data")]
        [JsonConverter(typeof(Base64MemoryStreamConverter))]
        public MemoryStream? Data { get; set; }

        /// <summary>When the stream received the record (UTC; epoch seconds with a fraction in JSON).</summary>
        [JsonPropertyName("approximateArrivalTimestamp")]
        [JsonConverter(typeof(EpochSecondsDateTimeConverter))]
        public DateTime ApproximateArrivalTimestamp { get; set; }

        /// <summary>The server-side encryption of the record (<c>NONE</c> or <c>KMS</c>), when given.</summary>
        [JsonPropertyName("encryptionType")]
        public string? EncryptionType { get; set; }
    }

    /// <summary>One record of the batch with its event metadata.</summary>
    public class KinesisEventRecord
    {
        /// <summary>The region of the stream.</summary>
        [JsonPropertyName("awsRegion")]
        public string? AwsRegion { get; set; }

        /// <summary>The event ID, <c>shardId:sequenceNumber</c>.</summary>
        [JsonPropertyName("eventID")]
        public string? EventId { get; set; }

        /// <summary>Always <c>aws:kinesis:record</c>.</summary>
        [JsonPropertyName("eventName")]
        public string? EventName { get; set; }

        /// <summary>Always <c>aws:kinesis</c>.</summary>
        [JsonPropertyName("eventSource")]
        public string? EventSource { get; set; }

        /// <summary>The ARN of the stream (or stream consumer).</summary>
        [JsonPropertyName("eventSourceARN")]
        public string? EventSourceARN { get; set; }

        /// <summary>The event format version, <c>1.0</c>.</summary>
        [JsonPropertyName("eventVersion")]
        public string? EventVersion { get; set; }

        /// <summary>The ARN of the role the event source mapping reads the stream with.</summary>
        [JsonPropertyName("invokeIdentityArn")]
        public string? InvokeIdentityArn { get; set; }

        /// <summary>The Kinesis record.</summary>
        [JsonPropertyName("kinesis")]
        public Record? Kinesis { get; set; }
    }
}
