using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>The state of a Lex V2 session: active contexts, session attributes, dialog action and intent.</summary>
public class LexV2SessionState
{
    [JsonPropertyName("activeContexts")]
    public IList<LexV2ActiveContext>? ActiveContexts { get; set; }

    [JsonPropertyName("dialogAction")]
    public LexV2DialogAction? DialogAction { get; set; }

    [JsonPropertyName("intent")]
    public LexV2Intent? Intent { get; set; }

    [JsonPropertyName("originatingRequestId")]
    public string? OriginatingRequestId { get; set; }

    [JsonPropertyName("runtimeHints")]
    public LexV2RuntimeHints? RuntimeHints { get; set; }

    /// <summary>Application key/values kept for the whole session.</summary>
    [JsonPropertyName("sessionAttributes")]
    public Dictionary<string, string>? SessionAttributes { get; set; }
}
