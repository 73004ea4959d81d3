using System.Text.Json.Serialization;

namespace Fulmen.Lambda.KinesisEvents;

/// <summary>What a function returns to report the Kinesis records of a batch that failed (needs <c>ReportBatchItemFailures</c>).</summary>
public class StreamsEventResponse
{
    /// <summary>The records that failed; Lambda checkpoints before the lowest sequence number. Empty or null means success.</summary>
    [JsonPropertyName("batchItemFailures")]
    public IList<BatchItemFailure>? BatchItemFailures { get; set; }

    /// <summary>One failed record.</summary>
    public class BatchItemFailure
    {
        /// <summary>The <see cref="KinesisEvent.Record.SequenceNumber"/> of the failed record.</summary>
        [JsonPropertyName("itemIdentifier")]
        public string? ItemIdentifier { get; set; }
    }
}
