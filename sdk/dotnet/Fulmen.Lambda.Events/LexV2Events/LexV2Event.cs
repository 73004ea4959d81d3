using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>The event an Amazon Lex V2 bot sends to its dialog or fulfillment code hook.</summary>
public class LexV2Event
{
    /// <summary>Always <c>1.0</c>.</summary>
    [JsonPropertyName("messageVersion")]
    public string? MessageVersion { get; set; }

    /// <summary><c>DialogCodeHook</c> or <c>FulfillmentCodeHook</c>.</summary>
    [JsonPropertyName("invocationSource")]
    public string? InvocationSource { get; set; }

    /// <summary><c>Text</c>, <c>Speech</c> or <c>DTMF</c>.</summary>
    [JsonPropertyName("inputMode")]
    public string? InputMode { get; set; }

    [JsonPropertyName("responseContentType")]
    public string? ResponseContentType { get; set; }

    [JsonPropertyName("sessionId")]
    public string? SessionId { get; set; }

    /// <summary>What the user typed, or the text recognized from their speech.</summary>
    [JsonPropertyName("inputTranscript")]
    public string? InputTranscript { get; set; }

    [JsonPropertyName("bot")]
    public LexV2Bot? Bot { get; set; }

    /// <summary>The intents that may match the utterance, most likely first.</summary>
    [JsonPropertyName("interpretations")]
    public IList<LexV2Interpretation>? Interpretations { get; set; }

    /// <summary>What Lex will do next if the function delegates (dialog code hook only).</summary>
    [JsonPropertyName("proposedNextState")]
    public LexV2ProposedNextState? ProposedNextState { get; set; }

    [JsonPropertyName("requestAttributes")]
    public IDictionary<string, string>? RequestAttributes { get; set; }

    [JsonPropertyName("sessionState")]
    public LexV2SessionState? SessionState { get; set; }

    /// <summary>The transcriptions that may match the user's speech (speech input only).</summary>
    [JsonPropertyName("transcriptions")]
    public IList<LexV2Transcription>? Transcriptions { get; set; }
}
