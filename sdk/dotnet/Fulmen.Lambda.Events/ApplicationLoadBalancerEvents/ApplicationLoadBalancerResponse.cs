using System.Text.Json.Serialization;

namespace Fulmen.Lambda.ApplicationLoadBalancerEvents;

/// <summary>What a function returns to an Application Load Balancer.</summary>
public class ApplicationLoadBalancerResponse
{
    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; set; }

    /// <summary>The HTTP status line's text, e.g. <c>200 OK</c>.</summary>
    [JsonPropertyName("statusDescription")]
    public string? StatusDescription { get; set; }

    /// <summary>Response headers, used when the target group's multi-value headers are off.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Response headers with several values each, used when multi-value headers are on.</summary>
    [JsonPropertyName("multiValueHeaders")]
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }

    /// <summary>The response body; base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether <see cref="Body"/> is base64-encoded binary.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }
}
