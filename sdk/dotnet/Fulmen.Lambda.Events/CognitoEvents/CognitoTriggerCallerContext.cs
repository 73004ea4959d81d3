using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>A Cognito trigger's <c>callerContext</c>: the SDK and app client that made the request.</summary>
public class CognitoTriggerCallerContext
{
    [JsonPropertyName("awsSdkVersion")]
    public string? AwsSdkVersion { get; set; }

    [JsonPropertyName("clientId")]
    public string? ClientId { get; set; }
}
