using System.Text.Json.Serialization;

namespace Fulmen.Lambda.SimpleEmailEvents;

/// <summary>What a <c>RequestResponse</c> SES Lambda action returns: whether the receipt rules go on.</summary>
public class SimpleEmailResponse
{
    /// <summary>A <see cref="SimpleEmailDisposition"/> value: <c>CONTINUE</c>, <c>STOP_RULE</c> or <c>STOP_RULE_SET</c>.</summary>
    [JsonPropertyName("disposition")]
    public string? Disposition { get; set; }
}
