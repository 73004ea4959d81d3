using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>One phrase Lex V2 should prefer for a slot.</summary>
public class RuntimeHintValue
{
    [JsonPropertyName("phrase")]
    public string? Phrase { get; set; }
}
