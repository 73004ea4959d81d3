using System.Collections.Generic;
using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>The response an HTTP API (payload format 2.0) function returns.</summary>
[DataContract]
public class APIGatewayHttpApiV2ProxyResponse
{
    [DataMember(Name = "statusCode")]
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; set; }

    [DataMember(Name = "headers")]
    [JsonPropertyName("headers")]
    public IDictionary<string, string> Headers { get; set; }

    [DataMember(Name = "cookies")]
    [JsonPropertyName("cookies")]
    public string[] Cookies { get; set; }

    [DataMember(Name = "body")]
    [JsonPropertyName("body")]
    public string Body { get; set; }

    [DataMember(Name = "isBase64Encoded")]
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }

    /// <summary>Sets one header, creating the dictionary when needed.</summary>
    public void SetHeaderValues(string headerName, string value, bool append)
    {
        Headers ??= new Dictionary<string, string>();
        Headers[headerName] = append && Headers.TryGetValue(headerName, out var existing) ? existing + "," + value : value;
    }
}
