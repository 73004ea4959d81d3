using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>The phrases to prefer when resolving one slot.</summary>
public class RuntimeHintDetails
{
    [JsonPropertyName("runtimeHintValues")]
    public IList<RuntimeHintValue>? RuntimeHintValues { get; set; }
}
