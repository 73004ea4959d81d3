using System.Text.Json.Serialization;

namespace Fulmen.Lambda.SimpleEmailEvents;

/// <summary>The most used headers of a received message, parsed by SES.</summary>
public class SimpleEmailCommonHeaders
{
    /// <summary>The addresses of the From header.</summary>
    [JsonPropertyName("from")]
    public IList<string>? From { get; set; }

    /// <summary>The addresses of the To header.</summary>
    [JsonPropertyName("to")]
    public IList<string>? To { get; set; }

    /// <summary>The addresses of the Cc header.</summary>
    [JsonPropertyName("cc")]
    public IList<string>? Cc { get; set; }

    /// <summary>The addresses of the Bcc header.</summary>
    [JsonPropertyName("bcc")]
    public IList<string>? Bcc { get; set; }

    /// <summary>The addresses of the Sender header.</summary>
    [JsonPropertyName("sender")]
    public IList<string>? Sender { get; set; }

    /// <summary>The addresses of the Reply-To header.</summary>
    [JsonPropertyName("reply-to")]
    public IList<string>? ReplyTo { get; set; }

    /// <summary>The Return-Path header.</summary>
    [JsonPropertyName("returnPath")]
    public string? ReturnPath { get; set; }

    /// <summary>The message's Message-ID header (not the SES message ID).</summary>
    [JsonPropertyName("messageId")]
    public string? MessageId { get; set; }

    /// <summary>The Date header, as written.</summary>
    [JsonPropertyName("date")]
    public string? Date { get; set; }

    /// <summary>The Subject header.</summary>
    [JsonPropertyName("subject")]
    public string? Subject { get; set; }
}
