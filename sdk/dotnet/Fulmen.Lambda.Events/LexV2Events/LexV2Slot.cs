using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>A filled Lex V2 slot: one value (<c>Scalar</c>) or several (<c>List</c>).</summary>
public class LexV2Slot
{
    /// <summary><c>Scalar</c> or <c>List</c>.</summary>
    [JsonPropertyName("shape")]
    public string? Shape { get; set; }

    [JsonPropertyName("value")]
    public LexV2SlotValue? Value { get; set; }

    /// <summary>The values of a <c>List</c> slot.</summary>
    [JsonPropertyName("values")]
    public IList<LexV2Slot>? Values { get; set; }
}
