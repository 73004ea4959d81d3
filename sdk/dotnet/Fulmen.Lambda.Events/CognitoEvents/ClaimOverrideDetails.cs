using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>Pre token generation (version 1) changes: claims to add, override or suppress, and group overrides.</summary>
public class ClaimOverrideDetails
{
    [JsonPropertyName("claimsToAddOrOverride")]
    public Dictionary<string, string>? ClaimsToAddOrOverride { get; set; }

    [JsonPropertyName("claimsToSuppress")]
    public List<string>? ClaimsToSuppress { get; set; }

    [JsonPropertyName("groupOverrideDetails")]
    public GroupConfiguration? GroupOverrideDetails { get; set; }
}
