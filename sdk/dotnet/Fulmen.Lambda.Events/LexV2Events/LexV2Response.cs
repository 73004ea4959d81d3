using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>What a Lex V2 code hook returns: the new session state and the messages to show the user.</summary>
public class LexV2Response
{
    [JsonPropertyName("sessionState")]
    public LexV2SessionState? SessionState { get; set; }

    /// <summary>The messages for the user; Lex uses the bot's own prompts when there are none.</summary>
    [JsonPropertyName("messages")]
    public IList<LexV2Message>? Messages { get; set; }

    [JsonPropertyName("requestAttributes")]
    public IDictionary<string, string>? RequestAttributes { get; set; }
}
