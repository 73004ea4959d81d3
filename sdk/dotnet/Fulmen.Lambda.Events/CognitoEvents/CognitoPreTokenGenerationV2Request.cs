using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre token generation (versions 2 and 3) trigger's <c>request</c>.</summary>
public class CognitoPreTokenGenerationV2Request : CognitoTriggerRequest
{
    [JsonPropertyName("groupConfiguration")]
    public GroupConfiguration? GroupConfiguration { get; set; }

    [JsonPropertyName("clientMetadata")]
    public Dictionary<string, string>? ClientMetadata { get; set; }

    /// <summary>The OAuth 2.0 scopes of the request.</summary>
    [JsonPropertyName("scopes")]
    public List<string>? Scopes { get; set; }
}
