using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito post authentication trigger's <c>request</c>.</summary>
public class CognitoPostAuthenticationRequest : CognitoTriggerRequest
{
    [JsonPropertyName("validationData")]
    public Dictionary<string, string>? ValidationData { get; set; }

    /// <summary>Whether the user signed in on a new device (only when the pool remembers devices).</summary>
    [JsonPropertyName("newDeviceUsed")]
    public bool? NewDeviceUsed { get; set; }

    /// <summary>The same value as <see cref="NewDeviceUsed"/>, under the name AWS's .NET model gives it.</summary>
    [JsonIgnore]
    public bool? NewDevicedUsed
    {
        get => NewDeviceUsed;
        set => NewDeviceUsed = value;
    }

    [JsonPropertyName("clientMetadata")]
    public Dictionary<string, string>? ClientMetadata { get; set; }
}
