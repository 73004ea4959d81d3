using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>A button of a response card: the text shown and the value sent back when chosen.</summary>
public class LexV2Button
{
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }
}
