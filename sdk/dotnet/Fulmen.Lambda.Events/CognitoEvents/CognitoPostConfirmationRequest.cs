using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito post confirmation trigger's <c>request</c>.</summary>
public class CognitoPostConfirmationRequest : CognitoTriggerRequest
{
    [JsonPropertyName("clientMetadata")]
    public Dictionary<string, string>? ClientMetadata { get; set; }
}
