using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre token generation (version 1) trigger's <c>response</c>: changes to the ID token's claims.</summary>
public class CognitoPreTokenGenerationResponse : CognitoTriggerResponse
{
    [JsonPropertyName("claimsOverrideDetails")]
    public ClaimOverrideDetails? ClaimsOverrideDetails { get; set; }
}
