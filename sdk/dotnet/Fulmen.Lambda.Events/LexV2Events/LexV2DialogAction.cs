using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>The next step of a Lex V2 conversation, such as eliciting a slot or closing.</summary>
public class LexV2DialogAction
{
    /// <summary><c>Default</c>, <c>SpellByLetter</c> or <c>SpellByWord</c>.</summary>
    [JsonPropertyName("slotElicitationStyle")]
    public string? SlotElicitationStyle { get; set; }

    [JsonPropertyName("slotToElicit")]
    public string? SlotToElicit { get; set; }

    /// <summary><c>Close</c>, <c>ConfirmIntent</c>, <c>Delegate</c>, <c>ElicitIntent</c> or <c>ElicitSlot</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }
}
