using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito verify auth challenge response trigger's <c>request</c>: the user's answer and the expected one.</summary>
public class CognitoVerifyAuthChallengeRequest : CognitoTriggerRequest
{
    [JsonPropertyName("privateChallengeParameters")]
    public Dictionary<string, string>? PrivateChallengeParameters { get; set; }

    [JsonPropertyName("challengeAnswer")]
    public string? ChallengeAnswer { get; set; }

    [JsonPropertyName("clientMetadata")]
    public Dictionary<string, string>? ClientMetadata { get; set; }

    /// <summary>Set when the app client prevents user existence errors: <see langword="true"/> when no such user exists.</summary>
    [JsonPropertyName("userNotFound")]
    public bool? UserNotFound { get; set; }
}
