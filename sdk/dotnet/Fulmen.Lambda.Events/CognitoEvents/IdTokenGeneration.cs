using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>Claims to add to, override in or suppress from the ID token.</summary>
public class IdTokenGeneration
{
    /// <summary>Claim values: strings, numbers, booleans, arrays or objects (read back as <see cref="System.Text.Json.JsonElement"/>).</summary>
    [JsonPropertyName("claimsToAddOrOverride")]
    public Dictionary<string, object>? ClaimsToAddOrOverride { get; set; }

    [JsonPropertyName("claimsToSuppress")]
    public List<string>? ClaimsToSuppress { get; set; }
}
