using System.Text.Json.Serialization;

namespace Fulmen.Lambda.SNSEvents;

/// <summary>An Amazon SNS notification delivered to a subscribed function.</summary>
public class SNSEvent
{
    /// <summary>The notification records (one per invocation in practice).</summary>
    [JsonPropertyName("Records")]
    public IList<SNSRecord>? Records { get; set; }

    /// <summary>One SNS record: the subscription it came through and the message.</summary>
    public class SNSRecord
    {
        /// <summary>Always <c>aws:sns</c>.</summary>
        [JsonPropertyName("EventSource")]
        public string? EventSource { get; set; }

        /// <summary>The ARN of the subscription that delivered the message.</summary>
        [JsonPropertyName("EventSubscriptionArn")]
        public string? EventSubscriptionArn { get; set; }

        /// <summary>The record format version, e.g. <c>1.0</c>.</summary>
        [JsonPropertyName("EventVersion")]
        public string? EventVersion { get; set; }

        /// <summary>The SNS message.</summary>
        [JsonPropertyName("Sns")]
        public SNSMessage? Sns { get; set; }
    }

    /// <summary>The SNS message and its signature details.</summary>
    public class SNSMessage
    {
        /// <summary>The message text, often JSON.</summary>
        [JsonPropertyName("Message")]
        public string? Message { get; set; }

        /// <summary>The publisher's message attributes by name.</summary>
        [JsonPropertyName("MessageAttributes")]
        public IDictionary<string, MessageAttribute>? MessageAttributes { get; set; }

        /// <summary>The message ID.</summary>
        [JsonPropertyName("MessageId")]
        public string? MessageId { get; set; }

        /// <summary>The base64 signature of the message.</summary>
        [JsonPropertyName("Signature")]
        public string? Signature { get; set; }

        /// <summary>The signature version (<c>1</c> for SHA1, <c>2</c> for SHA256).</summary>
        [JsonPropertyName("SignatureVersion")]
        public string? SignatureVersion { get; set; }

        /// <summary>The URL of the certificate that signed the message.</summary>
        [JsonPropertyName("SigningCertUrl")]
        public string? SigningCertUrl { get; set; }

        /// <summary>The subject, or null when the publisher set none.</summary>
        [JsonPropertyName("Subject")]
        public string? Subject { get; set; }

        /// <summary>When the message was published (UTC).</summary>
        [JsonPropertyName("Timestamp")]
        public DateTime Timestamp { get; set; }

        /// <summary>The ARN of the topic.</summary>
        [JsonPropertyName("TopicArn")]
        public string? TopicArn { get; set; }

        /// <summary>The message type, <c>Notification</c>.</summary>
        [JsonPropertyName("Type")]
        public string? Type { get; set; }

        /// <summary>The URL that unsubscribes the endpoint from the topic.</summary>
        [JsonPropertyName("UnsubscribeUrl")]
        public string? UnsubscribeUrl { get; set; }
    }

    /// <summary>An SNS message attribute.</summary>
    public class MessageAttribute
    {
        /// <summary>The attribute type: <c>String</c>, <c>Number</c>, <c>Binary</c> or <c>String.Array</c>.</summary>
        [JsonPropertyName("Type")]
        public string? Type { get; set; }

        /// <summary>The value as a string (base64 for <c>Binary</c>).</summary>
        [JsonPropertyName("Value")]
        public string? Value { get; set; }
    }
}
