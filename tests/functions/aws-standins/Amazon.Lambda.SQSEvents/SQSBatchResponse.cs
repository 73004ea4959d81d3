using System.Collections.Generic;
using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace Amazon.Lambda.SQSEvents;

/// <summary>The partial batch response: the messages that failed and go back to the queue.</summary>
[DataContract]
public class SQSBatchResponse
{
    public SQSBatchResponse()
        : this(new List<BatchItemFailure>())
    {
    }

    public SQSBatchResponse(List<BatchItemFailure> batchItemFailures)
    {
        BatchItemFailures = batchItemFailures;
    }

    [DataMember(Name = "batchItemFailures")]
    [JsonPropertyName("batchItemFailures")]
    public List<BatchItemFailure> BatchItemFailures { get; set; }

    [DataContract]
    public class BatchItemFailure
    {
        [DataMember(Name = "itemIdentifier")]
        [JsonPropertyName("itemIdentifier")]
        public string ItemIdentifier { get; set; }
    }
}
