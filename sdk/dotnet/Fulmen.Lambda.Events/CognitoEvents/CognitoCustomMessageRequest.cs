using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito custom message trigger's <c>request</c>: the placeholders the message must contain.</summary>
public class CognitoCustomMessageRequest : CognitoTriggerRequest
{
    /// <summary>The placeholder for the verification code, e.g. <c>{####}</c>.</summary>
    [JsonPropertyName("codeParameter")]
    public string? CodeParameter { get; set; }

    /// <summary>The placeholder for the verification link (email verification by link).</summary>
    [JsonPropertyName("linkParameter")]
    public string? LinkParameter { get; set; }

    /// <summary>The placeholder for the user name (admin create user flow).</summary>
    [JsonPropertyName("usernameParameter")]
    public string? UsernameParameter { get; set; }

    [JsonPropertyName("clientMetadata")]
    public Dictionary<string, string>? ClientMetadata { get; set; }
}
