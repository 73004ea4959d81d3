using System.Text.Json.Serialization;

namespace Fulmen.Lambda.SimpleEmailEvents;

/// <summary>The result of one SES check (spam, virus, SPF, DKIM, DMARC).</summary>
public class SimpleEmailVerdict
{
    /// <summary><c>PASS</c>, <c>FAIL</c>, <c>GRAY</c> or <c>PROCESSING_FAILED</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }
}
