using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>The dialog action and intent Lex V2 will use next if the function delegates.</summary>
public class LexV2ProposedNextState
{
    [JsonPropertyName("dialogAction")]
    public LexV2DialogAction? DialogAction { get; set; }

    [JsonPropertyName("intent")]
    public LexV2Intent? Intent { get; set; }
}
