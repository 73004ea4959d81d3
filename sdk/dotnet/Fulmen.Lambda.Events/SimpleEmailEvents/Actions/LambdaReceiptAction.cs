using System.Text.Json.Serialization;

namespace Fulmen.Lambda.SimpleEmailEvents.Actions;

/// <summary>A receipt rule's Lambda action: the function SES invoked and how.</summary>
public class LambdaReceiptAction : IReceiptAction
{
    /// <summary>The action type, <c>Lambda</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary><c>Event</c> (asynchronous) or <c>RequestResponse</c> (SES waits for a disposition).</summary>
    [JsonPropertyName("invocationType")]
    public string? InvocationType { get; set; }

    /// <summary>The ARN of the invoked function.</summary>
    [JsonPropertyName("functionArn")]
    public string? FunctionArn { get; set; }
}
