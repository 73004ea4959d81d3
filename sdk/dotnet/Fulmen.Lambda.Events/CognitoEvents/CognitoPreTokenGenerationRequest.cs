using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre token generation (version 1) trigger's <c>request</c>.</summary>
public class CognitoPreTokenGenerationRequest : CognitoTriggerRequest
{
    [JsonPropertyName("groupConfiguration")]
    public GroupConfiguration? GroupConfiguration { get; set; }

    [JsonPropertyName("clientMetadata")]
    public Dictionary<string, string>? ClientMetadata { get; set; }
}
