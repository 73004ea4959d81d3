using System.Text.Json.Serialization;

namespace Fulmen.Lambda.VpcLatticeEvents;

/// <summary>The event a VPC Lattice target group with event structure version V1 sends (snake_case members).</summary>
public class VpcLatticeV1Request
{
    /// <summary>The request path.</summary>
    [JsonPropertyName("raw_path")]
    public string? RawPath { get; set; }

    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("method")]
    public string? Method { get; set; }

    /// <summary>Request headers; repeated values are comma-joined.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Query string parameters; for a repeated key, the last value.</summary>
    [JsonPropertyName("query_string_parameters")]
    public IDictionary<string, string>? QueryStringParameters { get; set; }

    /// <summary>The request body; base64 when <see cref="IsBase64Encoded"/>.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether <see cref="Body"/> is base64-encoded binary.</summary>
    [JsonPropertyName("is_base64_encoded")]
    public bool IsBase64Encoded { get; set; }
}
