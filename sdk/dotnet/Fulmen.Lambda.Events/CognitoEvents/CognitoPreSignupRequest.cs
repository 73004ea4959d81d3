using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre sign-up trigger's <c>request</c>.</summary>
public class CognitoPreSignupRequest : CognitoTriggerRequest
{
    /// <summary>The <c>ValidationData</c> the client passed to <c>SignUp</c> or <c>AdminCreateUser</c>.</summary>
    [JsonPropertyName("validationData")]
    public Dictionary<string, string>? ValidationData { get; set; }

    [JsonPropertyName("clientMetadata")]
    public Dictionary<string, string>? ClientMetadata { get; set; }
}
