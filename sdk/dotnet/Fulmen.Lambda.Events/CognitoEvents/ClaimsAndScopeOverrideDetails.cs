using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>Pre token generation (versions 2 and 3) changes to the ID token, the access token and the user's groups.</summary>
public class ClaimsAndScopeOverrideDetails
{
    [JsonPropertyName("idTokenGeneration")]
    public IdTokenGeneration? IdTokenGeneration { get; set; }

    [JsonPropertyName("accessTokenGeneration")]
    public AccessTokenGeneration? AccessTokenGeneration { get; set; }

    [JsonPropertyName("groupOverrideDetails")]
    public GroupConfiguration? GroupOverrideDetails { get; set; }
}
