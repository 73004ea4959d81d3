using System.Text;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.KinesisFirehoseEvents;

/// <summary>A batch of records that Amazon Data Firehose asks a function to transform.</summary>
public class KinesisFirehoseEvent
{
    /// <summary>The ID of this invocation.</summary>
    [JsonPropertyName("invocationId")]
    public string? InvocationId { get; set; }

    /// <summary>The ARN of the Firehose stream.</summary>
    [JsonPropertyName("deliveryStreamArn")]
    public string? DeliveryStreamArn { get; set; }

    /// <summary>The ARN of the source Kinesis data stream, when the Firehose stream reads from one.</summary>
    [JsonPropertyName("sourceKinesisStreamArn")]
    public string? SourceKinesisStreamArn { get; set; }

    /// <summary>The region of the Firehose stream.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; set; }

    /// <summary>The records to transform.</summary>
    [JsonPropertyName("records")]
    public IList<FirehoseRecord>? Records { get; set; }

    /// <summary>One record to transform.</summary>
    public class FirehoseRecord
    {
        /// <summary>The record ID; the transformed record must carry the same ID.</summary>
        [JsonPropertyName("recordId")]
        public string? RecordId { get; set; }

        /// <summary>When Firehose received the record, in milliseconds since the Unix epoch.</summary>
        [JsonPropertyName("approximateArrivalTimestamp")]
        public long ApproximateArrivalEpoch { get; set; }

        /// <summary>When Firehose received the record (UTC), from <see cref="ApproximateArrivalEpoch"/>.</summary>
        [JsonIgnore]
        public DateTime ApproximateArrivalTimestamp => DateTime.UnixEpoch.AddMilliseconds(ApproximateArrivalEpoch);

        /// <summary>The record payload, base64-encoded.</summary>
        [JsonPropertyName("data")]
        public string? Base64EncodedData { get; set; }

        /// <summary>Where the record sits in the source Kinesis data stream, when the Firehose stream reads from one.</summary>
        [JsonPropertyName("kinesisRecordMetadata")]
        public KinesisRecordMetadata? KinesisRecordMetadata { get; set; }

        /// <summary>The payload decoded from base64 as UTF-8 text.</summary>
        public string DecodeData() => Encoding.UTF8.GetString(Convert.FromBase64String(Base64EncodedData ?? string.Empty));
    }

    /// <summary>The source Kinesis data stream record of a Firehose record.</summary>
    public class KinesisRecordMetadata
    {
        /// <summary>The shard of the source record.</summary>
        [JsonPropertyName("shardId")]
        public string? ShardId { get; set; }

        /// <summary>The partition key of the source record.</summary>
        [JsonPropertyName("partitionKey")]
        public string? PartitionKey { get; set; }

        /// <summary>When the Kinesis data stream received the record, in milliseconds since the Unix epoch.</summary>
        [JsonPropertyName("approximateArrivalTimestamp")]
        public long? ApproximateArrivalEpoch { get; set; }

        /// <summary>When the Kinesis data stream received the record (UTC), from <see cref="ApproximateArrivalEpoch"/>.</summary>
        [JsonIgnore]
        public DateTime? ApproximateArrivalTimestamp =>
            ApproximateArrivalEpoch is { } epoch ? DateTime.UnixEpoch.AddMilliseconds(epoch) : null;

        /// <summary>The sequence number of the source record.</summary>
        [JsonPropertyName("sequenceNumber")]
        public string? SequenceNumber { get; set; }

        /// <summary>The subsequence number of an aggregated source record.</summary>
        [JsonPropertyName("subsequenceNumber")]
        public long? SubsequenceNumber { get; set; }
    }
}
