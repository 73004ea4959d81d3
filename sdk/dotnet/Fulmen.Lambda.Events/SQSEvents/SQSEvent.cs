using System.Text.Json.Serialization;
using Fulmen.Lambda.Serialization;

namespace Fulmen.Lambda.SQSEvents;

/// <summary>A batch of Amazon SQS messages delivered by an event source mapping.</summary>
public class SQSEvent
{
    /// <summary>The messages in the batch.</summary>
    [JsonPropertyName("Records")]
    public List<SQSMessage>? Records { get; set; }

    /// <summary>A message attribute: a typed value set by the sender.</summary>
    public class MessageAttribute
    {
        /// <summary>The value of a <c>String</c> or <c>Number</c> attribute.</summary>
        [JsonPropertyName("stringValue")]
        public string? StringValue { get; set; }

        /// <summary>The value of a <c>Binary</c> attribute.</summary>
        [JsonPropertyName("binaryValue")]
        [JsonConverter(typeof(Base64MemoryStreamConverter))]
        public MemoryStream? BinaryValue { get; set; }

        /// <summary>Reserved by SQS for string lists; usually empty.</summary>
        [JsonPropertyName("stringListValues")]
        public List<string>? StringListValues { get; set; }

        /// <summary>Reserved by SQS for binary lists; usually empty.</summary>
        [JsonPropertyName("binaryListValues")]
        [JsonConverter(typeof(Base64MemoryStreamListConverter))]
        public List<MemoryStream>? BinaryListValues { get; set; }

        /// <summary>The attribute type: <c>String</c>, <c>Number</c> or <c>Binary</c>, optionally with a custom suffix.</summary>
        [JsonPropertyName("dataType")]
        public string? DataType { get; set; }
    }

    /// <summary>One SQS message of the batch.</summary>
    public class SQSMessage
    {
        /// <summary>The message ID; also the identifier to report in a <see cref="SQSBatchResponse"/>.</summary>
        [JsonPropertyName("messageId")]
        public string? MessageId { get; set; }

        /// <summary>The handle that deletes or changes the visibility of this receipt of the message.</summary>
        [JsonPropertyName("receiptHandle")]
        public string? ReceiptHandle { get; set; }

        /// <summary>The message body.</summary>
        [JsonPropertyName("body")]
        public string? Body { get; set; }

        /// <summary>The MD5 digest of the body.</summary>
        [JsonPropertyName("md5OfBody")]
        public string? Md5OfBody { get; set; }

        /// <summary>The MD5 digest of the message attributes, when there are any.</summary>
        [JsonPropertyName("md5OfMessageAttributes")]
        public string? Md5OfMessageAttributes { get; set; }

        /// <summary>The ARN of the queue.</summary>
        [JsonPropertyName("eventSourceARN")]
        public string? EventSourceArn { get; set; }

        /// <summary>Always <c>aws:sqs</c>.</summary>
        [JsonPropertyName("eventSource")]
        public string? EventSource { get; set; }

        /// <summary>The region of the queue.</summary>
        [JsonPropertyName("awsRegion")]
        public string? AwsRegion { get; set; }

        /// <summary>System attributes such as <c>ApproximateReceiveCount</c>, <c>SentTimestamp</c> (epoch ms) and, for FIFO queues, <c>MessageGroupId</c>.</summary>
        [JsonPropertyName("attributes")]
        public Dictionary<string, string>? Attributes { get; set; }

        /// <summary>The sender's message attributes by name.</summary>
        [JsonPropertyName("messageAttributes")]
        public Dictionary<string, MessageAttribute>? MessageAttributes { get; set; }
    }
}
