using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>A user's Cognito groups and IAM roles, as pre token generation receives them or overrides them.</summary>
public class GroupConfiguration
{
    [JsonPropertyName("groupsToOverride")]
    public List<string>? GroupsToOverride { get; set; }

    [JsonPropertyName("iamRolesToOverride")]
    public List<string>? IamRolesToOverride { get; set; }

    [JsonPropertyName("preferredRole")]
    public string? PreferredRole { get; set; }
}
