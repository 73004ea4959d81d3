using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre token generation (versions 2 and 3) trigger's <c>response</c>: changes to the ID and access tokens.</summary>
public class CognitoPreTokenGenerationV2Response : CognitoTriggerResponse
{
    [JsonPropertyName("claimsAndScopeOverrideDetails")]
    public ClaimsAndScopeOverrideDetails? ClaimsAndScopeOverrideDetails { get; set; }
}
