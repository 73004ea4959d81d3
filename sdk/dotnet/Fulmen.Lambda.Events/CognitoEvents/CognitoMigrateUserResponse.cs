using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito migrate user trigger's <c>response</c>: the migrated user's attributes and how to finish creating them.</summary>
public class CognitoMigrateUserResponse : CognitoTriggerResponse
{
    [JsonPropertyName("userAttributes")]
    public Dictionary<string, string>? UserAttributes { get; set; }

    /// <summary><c>CONFIRMED</c> or <c>RESET_REQUIRED</c>.</summary>
    [JsonPropertyName("finalUserStatus")]
    public string? FinalUserStatus { get; set; }

    /// <summary><c>SUPPRESS</c> to send no welcome message.</summary>
    [JsonPropertyName("messageAction")]
    public string? MessageAction { get; set; }

    /// <summary><c>EMAIL</c> and/or <c>SMS</c>.</summary>
    [JsonPropertyName("desiredDeliveryMediums")]
    public List<string>? DesiredDeliveryMediums { get; set; }

    [JsonPropertyName("forceAliasCreation")]
    public bool? ForceAliasCreation { get; set; }

    [JsonPropertyName("enableSMSMFA")]
    public bool? EnableSMSMFA { get; set; }
}
