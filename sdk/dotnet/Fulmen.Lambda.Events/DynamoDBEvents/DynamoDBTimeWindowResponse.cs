using System.Text.Json.Serialization;
using Fulmen.Lambda.Serialization;

namespace Fulmen.Lambda.DynamoDBEvents;

/// <summary>What a function returns for a DynamoDB Streams tumbling-window batch: the new window state and any failed records.</summary>
public class DynamoDBTimeWindowResponse
{
    /// <summary>The state after this batch, passed to the next invocation of the window; a missing state counts as a failure.</summary>
    [JsonPropertyName("state")]
    [JsonConverter(typeof(DictionaryLongToStringJsonConverter))]
    public Dictionary<string, string>? State { get; set; }

    /// <summary>The records that failed; empty or null means success.</summary>
    [JsonPropertyName("batchItemFailures")]
    public IList<BatchItemFailure>? BatchItemFailures { get; set; }

    /// <summary>One failed record.</summary>
    public class BatchItemFailure
    {
        /// <summary>The <see cref="DynamoDBEvent.StreamRecord.SequenceNumber"/> of the failed record.</summary>
        [JsonPropertyName("itemIdentifier")]
        public string? ItemIdentifier { get; set; }
    }
}
