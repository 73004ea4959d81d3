using System.Text.Json.Serialization;

namespace Fulmen.Lambda.APIGatewayEvents;

/// <summary>What a function returns to an API Gateway HTTP API (payload format 2.0) or a Lambda function URL.</summary>
public class APIGatewayHttpApiV2ProxyResponse
{
    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; set; }

    /// <summary>Response headers; several values for one header are comma-joined.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>The cookies to set, each sent as its own <c>Set-Cookie</c> header.</summary>
    [JsonPropertyName("cookies")]
    public string[]? Cookies { get; set; }

    /// <summary>The response body; base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether <see cref="Body"/> is base64-encoded binary.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    /// <summary>Sets a header to <paramref name="value"/>, or appends it comma-separated when <paramref name="append"/>.</summary>
    public void SetHeaderValues(string headerName, string value, bool append) =>
        SetHeaderValues(headerName, [value], append);

    /// <summary>Sets a header to the comma-joined <paramref name="values"/>, or appends them when <paramref name="append"/>.</summary>
    public void SetHeaderValues(string headerName, IEnumerable<string> values, bool append)
    {
        Headers ??= new Dictionary<string, string>();
        var joined = string.Join(",", values);
        Headers[headerName] = append && Headers.TryGetValue(headerName, out var existing) ? existing + "," + joined : joined;
    }
}
