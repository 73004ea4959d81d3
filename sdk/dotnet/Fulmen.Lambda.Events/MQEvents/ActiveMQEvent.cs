using System.Text.Json.Serialization;
using Fulmen.Lambda.MQEvents.Converters;

namespace Fulmen.Lambda.MQEvents;

/// <summary>A batch of messages from an Amazon MQ for ActiveMQ broker, delivered by an event source mapping.</summary>
public class ActiveMQEvent
{
    /// <summary>The event source, <c>aws:mq</c>.</summary>
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; set; }

    /// <summary>The ARN of the broker.</summary>
    [JsonPropertyName("eventSourceArn")]
    public string? EventSourceArn { get; set; }

    /// <summary>The messages in the batch.</summary>
    [JsonPropertyName("messages")]
    public IList<ActiveMQMessage>? Messages { get; set; }

    /// <summary>One JMS message.</summary>
    public class ActiveMQMessage
    {
        /// <summary>The JMS message ID.</summary>
        [JsonPropertyName("messageID")]
        public string? MessageId { get; set; }

        /// <summary>The message type: <c>jms/text-message</c> or <c>jms/bytes-message</c>.</summary>
        [JsonPropertyName("messageType")]
        public string? MessageType { get; set; }

        /// <summary>The message body, base64-encoded.</summary>
        [JsonPropertyName("data")]
        public string? Data { get; set; }

        /// <summary>The ID of the producer's connection, when given.</summary>
        [JsonPropertyName("connectionId")]
        public string? ConnectionId { get; set; }

        /// <summary>Whether the broker delivered the message before.</summary>
        [JsonPropertyName("redelivered")]
        public bool? Redelivered { get; set; }

        /// <summary>Whether the message is persistent, when given.</summary>
        [JsonPropertyName("persistent")]
        public bool? Persistent { get; set; }

        /// <summary>The queue or topic the message was sent to.</summary>
        [JsonPropertyName("destination")]
        public Destination? Destination { get; set; }

        /// <summary>When the producer sent the message, in milliseconds since the Unix epoch.</summary>
        [JsonPropertyName("timestamp")]
        public long? Timestamp { get; set; }

        /// <summary>When the broker received the message, in milliseconds since the Unix epoch.</summary>
        [JsonPropertyName("brokerInTime")]
        public long? BrokerInTime { get; set; }

        /// <summary>When the broker dispatched the message, in milliseconds since the Unix epoch.</summary>
        [JsonPropertyName("brokerOutTime")]
        public long? BrokerOutTime { get; set; }

        /// <summary>The custom JMS properties.</summary>
        [JsonPropertyName("properties")]
        public IDictionary<string, string>? Properties { get; set; }

        /// <summary>The JMS delivery mode: <c>1</c> non-persistent, <c>2</c> persistent.</summary>
        [JsonPropertyName("deliveryMode")]
        public int? DeliveryMode { get; set; }

        /// <summary>The JMS reply-to destination, or null.</summary>
        [JsonPropertyName("replyTo")]
        public string? ReplyTo { get; set; }

        /// <summary>The JMS message type set by the producer, or null.</summary>
        [JsonPropertyName("type")]
        public string? Type { get; set; }

        /// <summary>The JMS expiration in milliseconds since the Unix epoch, <c>0</c> for none (a JSON string; numbers are accepted).</summary>
        [JsonPropertyName("expiration")]
        [JsonConverter(typeof(StringOrNumberConverter))]
        public string? Expiration { get; set; }

        /// <summary>The JMS priority, 0 to 9.</summary>
        [JsonPropertyName("priority")]
        public int? Priority { get; set; }

        /// <summary>The JMS correlation ID.</summary>
        [JsonPropertyName("correlationId")]
        public string? CorrelationId { get; set; }
    }

    /// <summary>A JMS destination.</summary>
    public class Destination
    {
        /// <summary>The queue or topic name.</summary>
        [JsonPropertyName("physicalName")]
        public string? PhysicalName { get; set; }
    }
}
