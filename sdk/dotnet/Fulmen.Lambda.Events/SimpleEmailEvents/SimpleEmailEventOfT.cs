using System.Text.Json.Serialization;
using Fulmen.Lambda.SimpleEmailEvents.Actions;

namespace Fulmen.Lambda.SimpleEmailEvents;

/// <summary>An SES receiving event: the receipt rule's records, whose action is a <typeparamref name="TReceiptAction"/>.</summary>
public class SimpleEmailEvent<TReceiptAction> where TReceiptAction : IReceiptAction
{
    /// <summary>The records (one per received message).</summary>
    [JsonPropertyName("Records")]
    public IList<SimpleEmailRecord<TReceiptAction>>? Records { get; set; }

    /// <summary>One SES record.</summary>
    public class SimpleEmailRecord<TAction> where TAction : IReceiptAction
    {
        /// <summary>The record format version, <c>1.0</c>.</summary>
        [JsonPropertyName("eventVersion")]
        public string? EventVersion { get; set; }

        /// <summary>Always <c>aws:ses</c>.</summary>
        [JsonPropertyName("eventSource")]
        public string? EventSource { get; set; }

        /// <summary>The message and its receipt.</summary>
        [JsonPropertyName("ses")]
        public SimpleEmailService<TAction>? Ses { get; set; }
    }

    /// <summary>A record of <see cref="LambdaReceiptAction"/>.</summary>
    [Obsolete("Use SimpleEmailRecord<LambdaReceiptAction>.")]
    public class SimpleEmailRecord : SimpleEmailRecord<LambdaReceiptAction>
    {
    }

    /// <summary>The <c>ses</c> element: the message's metadata and SES's receipt.</summary>
    public class SimpleEmailService<TAction> where TAction : IReceiptAction
    {
        /// <summary>The message's metadata and headers.</summary>
        [JsonPropertyName("mail")]
        public SimpleEmailMessage? Mail { get; set; }

        /// <summary>SES's checks and the action taken.</summary>
        [JsonPropertyName("receipt")]
        public SimpleEmailReceipt<TAction>? Receipt { get; set; }
    }

    /// <summary>The metadata and headers of a received message (its body is not included).</summary>
    public class SimpleEmailMessage
    {
        /// <summary>The most used headers, parsed.</summary>
        [JsonPropertyName("commonHeaders")]
        public SimpleEmailCommonHeaders? CommonHeaders { get; set; }

        /// <summary>The envelope sender (SMTP MAIL FROM).</summary>
        [JsonPropertyName("source")]
        public string? Source { get; set; }

        /// <summary>When the message was received.</summary>
        [JsonPropertyName("timestamp")]
        public DateTime Timestamp { get; set; }

        /// <summary>The envelope recipients.</summary>
        [JsonPropertyName("destination")]
        public IList<string>? Destination { get; set; }

        /// <summary>All headers, in order.</summary>
        [JsonPropertyName("headers")]
        public IList<SimpleEmailHeader>? Headers { get; set; }

        /// <summary>Whether <see cref="Headers"/> was cut short.</summary>
        [JsonPropertyName("headersTruncated")]
        public bool HeadersTruncated { get; set; }

        /// <summary>The SES message ID (also the S3 object name when an S3 action stores it).</summary>
        [JsonPropertyName("messageId")]
        public string? MessageId { get; set; }
    }

    /// <summary>SES's receipt of a message: recipients, verdicts and the action taken.</summary>
    public class SimpleEmailReceipt<TAction> where TAction : IReceiptAction
    {
        /// <summary>The recipients the receipt rule matched.</summary>
        [JsonPropertyName("recipients")]
        public IList<string>? Recipients { get; set; }

        /// <summary>When the action was triggered.</summary>
        [JsonPropertyName("timestamp")]
        public DateTime Timestamp { get; set; }

        /// <summary>The spam check.</summary>
        [JsonPropertyName("spamVerdict")]
        public SimpleEmailVerdict? SpamVerdict { get; set; }

        /// <summary>The DKIM check.</summary>
        [JsonPropertyName("dkimVerdict")]
        public SimpleEmailVerdict? DKIMVerdict { get; set; }

        /// <summary>The SPF check.</summary>
        [JsonPropertyName("spfVerdict")]
        public SimpleEmailVerdict? SPFVerdict { get; set; }

        /// <summary>The virus check.</summary>
        [JsonPropertyName("virusVerdict")]
        public SimpleEmailVerdict? VirusVerdict { get; set; }

        /// <summary>The DMARC check.</summary>
        [JsonPropertyName("dmarcVerdict")]
        public SimpleEmailVerdict? DMARCVerdict { get; set; }

        /// <summary>The sending domain's DMARC policy: <c>none</c>, <c>quarantine</c> or <c>reject</c>.</summary>
        [JsonPropertyName("dmarcPolicy")]
        public string? DMARCPolicy { get; set; }

        /// <summary>The action that invoked the function (or stored the message).</summary>
        [JsonPropertyName("action")]
        public TAction? Action { get; set; }

        /// <summary>How long SES took to process the message, in milliseconds.</summary>
        [JsonPropertyName("processingTimeMillis")]
        public long ProcessingTimeMillis { get; set; }
    }

    /// <summary>One message header.</summary>
    public class SimpleEmailHeader
    {
        /// <summary>The header name.</summary>
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        /// <summary>The header value.</summary>
        [JsonPropertyName("value")]
        public string? Value { get; set; }
    }
}
