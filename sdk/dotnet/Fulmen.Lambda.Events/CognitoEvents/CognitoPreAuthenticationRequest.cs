using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre authentication trigger's <c>request</c>.</summary>
public class CognitoPreAuthenticationRequest : CognitoTriggerRequest
{
    [JsonPropertyName("validationData")]
    public Dictionary<string, string>? ValidationData { get; set; }

    /// <summary>Set when the app client prevents user existence errors: <see langword="true"/> when no such user exists.</summary>
    [JsonPropertyName("userNotFound")]
    public bool? UserNotFound { get; set; }
}
