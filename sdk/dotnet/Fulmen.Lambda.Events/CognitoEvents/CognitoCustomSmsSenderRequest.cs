using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito custom SMS sender trigger's <c>request</c>: the encrypted code to deliver.</summary>
public class CognitoCustomSmsSenderRequest : CognitoTriggerRequest
{
    /// <summary>The request type, <c>customSMSSenderRequestV1</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The code, encrypted with the pool's KMS key (base64).</summary>
    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("clientMetadata")]
    public Dictionary<string, string>? ClientMetadata { get; set; }
}
