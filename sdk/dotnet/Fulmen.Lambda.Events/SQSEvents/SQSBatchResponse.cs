using System.Text.Json.Serialization;

namespace Fulmen.Lambda.SQSEvents;

/// <summary>What a function returns to report the messages of an SQS batch that failed (needs <c>ReportBatchItemFailures</c>).</summary>
public class SQSBatchResponse
{
    /// <summary>Creates a response with no failures listed.</summary>
    public SQSBatchResponse()
    {
    }

    /// <summary>Creates a response that lists <paramref name="batchItemFailures"/>.</summary>
    public SQSBatchResponse(List<BatchItemFailure>? batchItemFailures)
    {
        BatchItemFailures = batchItemFailures;
    }

    /// <summary>The messages that failed; empty or null means the whole batch succeeded.</summary>
    [JsonPropertyName("batchItemFailures")]
    public List<BatchItemFailure>? BatchItemFailures { get; set; }

    /// <summary>One failed message.</summary>
    public class BatchItemFailure
    {
        /// <summary>The <see cref="SQSEvent.SQSMessage.MessageId"/> of the failed message.</summary>
        [JsonPropertyName("itemIdentifier")]
        public string? ItemIdentifier { get; set; }
    }
}
