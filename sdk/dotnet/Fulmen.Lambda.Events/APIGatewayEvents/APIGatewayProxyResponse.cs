using System.Text.Json.Serialization;

namespace Fulmen.Lambda.APIGatewayEvents;

/// <summary>What a function returns to an API Gateway REST API Lambda proxy integration (payload format 1.0).</summary>
public class APIGatewayProxyResponse
{
    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; set; }

    /// <summary>Single-value response headers (merged with <see cref="MultiValueHeaders"/>, which wins per key).</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Response headers with several values each, e.g. <c>Set-Cookie</c>.</summary>
    [JsonPropertyName("multiValueHeaders")]
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }

    /// <summary>The response body; base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether <see cref="Body"/> is base64-encoded binary.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }
}
