using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>A transcription Lex V2 considers a possible match for the user's speech.</summary>
public class LexV2Transcription
{
    [JsonPropertyName("transcription")]
    public string? Transcription { get; set; }

    /// <summary>From 0 to 1.</summary>
    [JsonPropertyName("transcriptionConfidence")]
    public double? TranscriptionConfidence { get; set; }

    [JsonPropertyName("resolvedContext")]
    public LexV2TranscriptionResolvedContext? ResolvedContext { get; set; }

    [JsonPropertyName("resolvedSlots")]
    public IDictionary<string, LexV2Slot?>? ResolvedSlots { get; set; }

    /// <summary>The intent the transcription resolved to.</summary>
    public class LexV2TranscriptionResolvedContext
    {
        [JsonPropertyName("intent")]
        public string? Intent { get; set; }
    }
}
