using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre sign-up trigger's <c>response</c>: whether to confirm the user and verify their email or phone.</summary>
public class CognitoPreSignupResponse : CognitoTriggerResponse
{
    [JsonPropertyName("autoConfirmUser")]
    public bool AutoConfirmUser { get; set; }

    [JsonPropertyName("autoVerifyPhone")]
    public bool AutoVerifyPhone { get; set; }

    [JsonPropertyName("autoVerifyEmail")]
    public bool AutoVerifyEmail { get; set; }
}
