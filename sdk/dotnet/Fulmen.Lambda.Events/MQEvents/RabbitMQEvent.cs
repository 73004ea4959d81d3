using System.Text.Json.Serialization;

namespace Fulmen.Lambda.MQEvents;

/// <summary>A batch of messages from an Amazon MQ for RabbitMQ broker, delivered by an event source mapping.</summary>
public class RabbitMQEvent
{
    /// <summary>The event source, <c>aws:rmq</c>.</summary>
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; set; }

    /// <summary>The ARN of the broker.</summary>
    [JsonPropertyName("eventSourceArn")]
    public string? EventSourceArn { get; set; }

    /// <summary>The messages, grouped by <c>queue::virtual-host</c> (e.g. <c>orders::/</c>).</summary>
    [JsonPropertyName("rmqMessagesByQueue")]
    public IDictionary<string, List<RabbitMQMessage>>? RmqMessagesByQueue { get; set; }

    /// <summary>One RabbitMQ message.</summary>
    public class RabbitMQMessage
    {
        /// <summary>The AMQP properties of the message.</summary>
        [JsonPropertyName("basicProperties")]
        public BasicProperties? BasicProperties { get; set; }

        /// <summary>Whether the broker delivered the message before.</summary>
        [JsonPropertyName("redelivered")]
        public bool? Redelivered { get; set; }

        /// <summary>The message body, base64-encoded.</summary>
        [JsonPropertyName("data")]
        public string? Data { get; set; }
    }

    /// <summary>The AMQP basic properties of a message; most may be null.</summary>
    public class BasicProperties
    {
        /// <summary>The MIME type of the body.</summary>
        [JsonPropertyName("contentType")]
        public string? ContentType { get; set; }

        /// <summary>The encoding of the body.</summary>
        [JsonPropertyName("contentEncoding")]
        public string? ContentEncoding { get; set; }

        /// <summary>
        /// The message headers. Values are JSON elements at run time: string headers arrive as <c>{"bytes":[…]}</c>,
        /// numeric ones as numbers.
        /// </summary>
        [JsonPropertyName("headers")]
        public IDictionary<string, object>? Headers { get; set; }

        /// <summary>The delivery mode: <c>1</c> non-persistent, <c>2</c> persistent.</summary>
        [JsonPropertyName("deliveryMode")]
        public int? DeliveryMode { get; set; }

        /// <summary>The message priority.</summary>
        [JsonPropertyName("priority")]
        public int? Priority { get; set; }

        /// <summary>The correlation ID.</summary>
        [JsonPropertyName("correlationId")]
        public string? CorrelationId { get; set; }

        /// <summary>The queue to reply to.</summary>
        [JsonPropertyName("replyTo")]
        public string? ReplyTo { get; set; }

        /// <summary>The per-message TTL in milliseconds, as a string.</summary>
        [JsonPropertyName("expiration")]
        public string? Expiration { get; set; }

        /// <summary>The message ID.</summary>
        [JsonPropertyName("messageId")]
        public string? MessageId { get; set; }

        /// <summary>The message timestamp as formatted text, e.g. <c>Jan 1, 1970, 12:33:41 AM</c>.</summary>
        [JsonPropertyName("timestamp")]
        public string? Timestamp { get; set; }

        /// <summary>The message type set by the producer.</summary>
        [JsonPropertyName("type")]
        public string? Type { get; set; }

        /// <summary>The ID of the user that published the message.</summary>
        [JsonPropertyName("userId")]
        public string? UserId { get; set; }

        /// <summary>The ID of the publishing application.</summary>
        [JsonPropertyName("appId")]
        public string? AppId { get; set; }

        /// <summary>The cluster ID (deprecated in AMQP 0-9-1).</summary>
        [JsonPropertyName("clusterId")]
        public string? ClusterId { get; set; }

        /// <summary>The size of the body in bytes.</summary>
        [JsonPropertyName("bodySize")]
        public int BodySize { get; set; }
    }
}
