using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito define auth challenge trigger's <c>request</c>: the challenges of the session so far.</summary>
public class CognitoDefineAuthChallengeRequest : CognitoTriggerRequest
{
    [JsonPropertyName("clientMetadata")]
    public Dictionary<string, string>? ClientMetadata { get; set; }

    [JsonPropertyName("session")]
    public List<ChallengeResultElement>? Session { get; set; }

    /// <summary>Set when the app client prevents user existence errors: <see langword="true"/> when no such user exists.</summary>
    [JsonPropertyName("userNotFound")]
    public bool? UserNotFound { get; set; }
}
