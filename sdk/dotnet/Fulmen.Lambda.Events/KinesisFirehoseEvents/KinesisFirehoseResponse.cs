using System.Text;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.KinesisFirehoseEvents;

/// <summary>What a Firehose transformation function returns: one result per input record.</summary>
public class KinesisFirehoseResponse
{
    /// <summary>The record was transformed.</summary>
    public const string TRANSFORMED_STATE_OK = "Ok";

    /// <summary>The record was dropped on purpose.</summary>
    public const string TRANSFORMED_STATE_DROPPED = "Dropped";

    /// <summary>The record could not be transformed.</summary>
    public const string TRANSFORMED_STATE_PROCESSINGFAILED = "ProcessingFailed";

    /// <summary>The transformed records.</summary>
    [JsonPropertyName("records")]
    public IList<FirehoseRecord>? Records { get; set; }

    /// <summary>The result for one input record.</summary>
    public class FirehoseRecord
    {
        /// <summary>The <see cref="KinesisFirehoseEvent.FirehoseRecord.RecordId"/> of the input record.</summary>
        [JsonPropertyName("recordId")]
        public string? RecordId { get; set; }

        /// <summary><see cref="TRANSFORMED_STATE_OK"/>, <see cref="TRANSFORMED_STATE_DROPPED"/> or <see cref="TRANSFORMED_STATE_PROCESSINGFAILED"/>.</summary>
        [JsonPropertyName("result")]
        public string? Result { get; set; }

        /// <summary>The transformed payload, base64-encoded.</summary>
        [JsonPropertyName("data")]
        public string? Base64EncodedData { get; set; }

        /// <summary>The transformed payload for an Amazon MSK source, base64-encoded (used instead of <see cref="Base64EncodedData"/>).</summary>
        [JsonPropertyName("kafkaRecordValue")]
        public string? Base64EncodedKafkaRecordValue { get; set; }

        /// <summary>Metadata for dynamic partitioning.</summary>
        [JsonPropertyName("metadata")]
        public FirehoseResponseRecordMetadata? Metadata { get; set; }

        /// <summary>Sets <see cref="Base64EncodedData"/> to the base64 of <paramref name="data"/> as UTF-8.</summary>
        public void EncodeData(string data) => Base64EncodedData = Convert.ToBase64String(Encoding.UTF8.GetBytes(data));
    }

    /// <summary>The metadata of a transformed record.</summary>
    public class FirehoseResponseRecordMetadata
    {
        /// <summary>The partition keys for dynamic partitioning, by name.</summary>
        [JsonPropertyName("partitionKeys")]
        public Dictionary<string, string>? PartitionKeys { get; set; }
    }
}
