using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito define auth challenge trigger's <c>response</c>: the next challenge, or issue tokens, or fail.</summary>
public class CognitoDefineAuthChallengeResponse : CognitoTriggerResponse
{
    [JsonPropertyName("challengeName")]
    public string? ChallengeName { get; set; }

    [JsonPropertyName("issueTokens")]
    public bool? IssueTokens { get; set; }

    [JsonPropertyName("failAuthentication")]
    public bool? FailAuthentication { get; set; }
}
