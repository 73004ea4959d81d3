using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The <c>request</c> members every Cognito user pool trigger shares.</summary>
public abstract class CognitoTriggerRequest
{
    /// <summary>The user's attributes, e.g. <c>email</c> or <c>custom:tier</c>.</summary>
    [JsonPropertyName("userAttributes")]
    public Dictionary<string, string>? UserAttributes { get; set; }
}
