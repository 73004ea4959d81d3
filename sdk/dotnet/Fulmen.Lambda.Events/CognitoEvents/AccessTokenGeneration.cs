using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>Claims and OAuth 2.0 scopes to add to, override in or suppress from the access token.</summary>
public class AccessTokenGeneration
{
    /// <summary>Claim values: strings, numbers, booleans, arrays or objects (read back as <see cref="System.Text.Json.JsonElement"/>).</summary>
    [JsonPropertyName("claimsToAddOrOverride")]
    public Dictionary<string, object>? ClaimsToAddOrOverride { get; set; }

    [JsonPropertyName("claimsToSuppress")]
    public List<string>? ClaimsToSuppress { get; set; }

    [JsonPropertyName("scopesToAdd")]
    public List<string>? ScopesToAdd { get; set; }

    [JsonPropertyName("scopesToSuppress")]
    public List<string>? ScopesToSuppress { get; set; }
}
