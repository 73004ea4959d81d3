using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>Phrases a user is likely to say for some slots, by intent name and then slot name.</summary>
public class LexV2RuntimeHints
{
    [JsonPropertyName("slotHints")]
    public IDictionary<string, Dictionary<string, RuntimeHintDetails>>? SlotHints { get; set; }
}
