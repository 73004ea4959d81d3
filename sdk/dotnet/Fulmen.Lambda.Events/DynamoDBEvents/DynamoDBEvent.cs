using System.Text.Json.Serialization;
using Fulmen.Lambda.Serialization;

namespace Fulmen.Lambda.DynamoDBEvents;

/// <summary>A batch of DynamoDB Streams records delivered by an event source mapping.</summary>
public class DynamoDBEvent
{
    /// <summary>The records in the batch.</summary>
    [JsonPropertyName("Records")]
    public IList<DynamodbStreamRecord>? Records { get; set; }

    /// <summary>One change to a table item, with its event metadata.</summary>
    public class DynamodbStreamRecord
    {
        /// <summary>The ARN of the table's stream.</summary>
        [JsonPropertyName("eventSourceARN")]
        public string? EventSourceArn { get; set; }

        /// <summary>The region of the table.</summary>
        [JsonPropertyName("awsRegion")]
        public string? AwsRegion { get; set; }

        /// <summary>The change itself: keys, images and sequence number.</summary>
        [JsonPropertyName("dynamodb")]
        public StreamRecord? Dynamodb { get; set; }

        /// <summary>A unique ID of the stream record.</summary>
        [JsonPropertyName("eventID")]
        public string? EventID { get; set; }

        /// <summary>The kind of change: <c>INSERT</c>, <c>MODIFY</c> or <c>REMOVE</c>.</summary>
        [JsonPropertyName("eventName")]
        public string? EventName { get; set; }

        /// <summary>Always <c>aws:dynamodb</c>.</summary>
        [JsonPropertyName("eventSource")]
        public string? EventSource { get; set; }

        /// <summary>The stream record format version, e.g. <c>1.1</c>.</summary>
        [JsonPropertyName("eventVersion")]
        public string? EventVersion { get; set; }

        /// <summary>Who made the change; present for items deleted by Time to Live (<c>Service</c>, <c>dynamodb.amazonaws.com</c>).</summary>
        [JsonPropertyName("userIdentity")]
        public Identity? UserIdentity { get; set; }
    }

    /// <summary>The data of one change to a table item.</summary>
    public class StreamRecord
    {
        /// <summary>When the change was recorded (UTC; epoch seconds in JSON).</summary>
        [JsonPropertyName("ApproximateCreationDateTime")]
        [JsonConverter(typeof(EpochSecondsDateTimeConverter))]
        public DateTime? ApproximateCreationDateTime { get; set; }

        /// <summary>The primary key attributes of the item.</summary>
        [JsonPropertyName("Keys")]
        public Dictionary<string, AttributeValue>? Keys { get; set; }

        /// <summary>The item after the change (with <c>NEW_IMAGE</c> or <c>NEW_AND_OLD_IMAGES</c>).</summary>
        [JsonPropertyName("NewImage")]
        public Dictionary<string, AttributeValue>? NewImage { get; set; }

        /// <summary>The item before the change (with <c>OLD_IMAGE</c> or <c>NEW_AND_OLD_IMAGES</c>).</summary>
        [JsonPropertyName("OldImage")]
        public Dictionary<string, AttributeValue>? OldImage { get; set; }

        /// <summary>The sequence number of the record; the identifier to report in a <see cref="StreamsEventResponse"/>.</summary>
        [JsonPropertyName("SequenceNumber")]
        public string? SequenceNumber { get; set; }

        /// <summary>The size of the record in bytes.</summary>
        [JsonPropertyName("SizeBytes")]
        public long SizeBytes { get; set; }

        /// <summary>What the stream captures: <c>KEYS_ONLY</c>, <c>NEW_IMAGE</c>, <c>OLD_IMAGE</c> or <c>NEW_AND_OLD_IMAGES</c>.</summary>
        [JsonPropertyName("StreamViewType")]
        public string? StreamViewType { get; set; }
    }

    /// <summary>The identity that made a change.</summary>
    public class Identity
    {
        /// <summary>The principal, <c>dynamodb.amazonaws.com</c> for Time to Live deletions.</summary>
        [JsonPropertyName("principalId")]
        public string? PrincipalId { get; set; }

        /// <summary>The identity type, <c>Service</c> for Time to Live deletions.</summary>
        [JsonPropertyName("type")]
        public string? Type { get; set; }
    }

    /// <summary>A typed DynamoDB attribute value; exactly one member is set.</summary>
    public class AttributeValue
    {
        /// <summary>A binary value (<c>B</c>).</summary>
        [JsonPropertyName("B")]
        [JsonConverter(typeof(Base64MemoryStreamConverter))]
        public MemoryStream? B { get; set; }

        /// <summary>A Boolean value (<c>BOOL</c>).</summary>
        [JsonPropertyName("BOOL")]
        public bool? BOOL { get; set; }

        /// <summary>A binary set (<c>BS</c>).</summary>
        [JsonPropertyName("BS")]
        [JsonConverter(typeof(Base64MemoryStreamListConverter))]
        public List<MemoryStream>? BS { get; set; }

        /// <summary>A list of values (<c>L</c>).</summary>
        [JsonPropertyName("L")]
        public List<AttributeValue>? L { get; set; }

        /// <summary>A map of named values (<c>M</c>).</summary>
        [JsonPropertyName("M")]
        public Dictionary<string, AttributeValue>? M { get; set; }

        /// <summary>A number, as its decimal string (<c>N</c>).</summary>
        [JsonPropertyName("N")]
        public string? N { get; set; }

        /// <summary>A number set, as decimal strings (<c>NS</c>).</summary>
        [JsonPropertyName("NS")]
        public List<string>? NS { get; set; }

        /// <summary>True for a null value (<c>NULL</c>).</summary>
        [JsonPropertyName("NULL")]
        public bool? NULL { get; set; }

        /// <summary>A string value (<c>S</c>).</summary>
        [JsonPropertyName("S")]
        public string? S { get; set; }

        /// <summary>A string set (<c>SS</c>).</summary>
        [JsonPropertyName("SS")]
        public List<string>? SS { get; set; }
    }
}
