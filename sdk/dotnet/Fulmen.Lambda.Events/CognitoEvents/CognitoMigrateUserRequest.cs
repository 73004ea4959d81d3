using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito migrate user trigger's <c>request</c>: the credentials to check against the old user store.</summary>
public class CognitoMigrateUserRequest : CognitoTriggerRequest
{
    [JsonPropertyName("userName")]
    public string? UserName { get; set; }

    /// <summary>The password the user entered (absent in the forgot-password flow).</summary>
    [JsonPropertyName("password")]
    public string? Password { get; set; }

    [JsonPropertyName("validationData")]
    public Dictionary<string, string>? ValidationData { get; set; }

    [JsonPropertyName("clientMetadata")]
    public Dictionary<string, string>? ClientMetadata { get; set; }
}
