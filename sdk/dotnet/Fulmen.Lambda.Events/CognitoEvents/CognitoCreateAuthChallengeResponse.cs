using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito create auth challenge trigger's <c>response</c>: what the client shows and what the answer is checked against.</summary>
public class CognitoCreateAuthChallengeResponse : CognitoTriggerResponse
{
    [JsonPropertyName("publicChallengeParameters")]
    public Dictionary<string, string>? PublicChallengeParameters { get; set; }

    [JsonPropertyName("privateChallengeParameters")]
    public Dictionary<string, string>? PrivateChallengeParameters { get; set; }

    [JsonPropertyName("challengeMetadata")]
    public string? ChallengeMetadata { get; set; }
}
