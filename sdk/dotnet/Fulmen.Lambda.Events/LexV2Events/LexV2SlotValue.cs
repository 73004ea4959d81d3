using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>A slot's value as the user said it, as Lex interpreted it, and the values it resolved to.</summary>
public class LexV2SlotValue
{
    [JsonPropertyName("interpretedValue")]
    public string? InterpretedValue { get; set; }

    [JsonPropertyName("originalValue")]
    public string? OriginalValue { get; set; }

    [JsonPropertyName("resolvedValues")]
    public IList<string>? ResolvedValues { get; set; }
}
