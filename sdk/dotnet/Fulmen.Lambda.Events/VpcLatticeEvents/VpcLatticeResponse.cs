using System.Text.Json.Serialization;

namespace Fulmen.Lambda.VpcLatticeEvents;

/// <summary>What a function returns to VPC Lattice (both event structure versions).</summary>
public class VpcLatticeResponse
{
    /// <summary>Whether <see cref="Body"/> is base64-encoded binary.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; set; }

    /// <summary>The HTTP status line's text, e.g. <c>200 OK</c>.</summary>
    [JsonPropertyName("statusDescription")]
    public string? StatusDescription { get; set; }

    /// <summary>Response headers.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>The response body; base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }
}
