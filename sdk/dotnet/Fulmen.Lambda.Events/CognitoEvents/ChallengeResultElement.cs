using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>One challenge of a custom authentication session and whether the user passed it.</summary>
public class ChallengeResultElement
{
    /// <summary>e.g. <c>CUSTOM_CHALLENGE</c>, <c>SRP_A</c>, <c>PASSWORD_VERIFIER</c>, <c>SMS_MFA</c>.</summary>
    [JsonPropertyName("challengeName")]
    public string? ChallengeName { get; set; }

    [JsonPropertyName("challengeResult")]
    public bool ChallengeResult { get; set; }

    /// <summary>Your name for a <c>CUSTOM_CHALLENGE</c>.</summary>
    [JsonPropertyName("challengeMetadata")]
    public string? ChallengeMetadata { get; set; }
}
