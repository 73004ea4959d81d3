using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>An intent Lex V2 considers a possible match for the utterance, with its confidence.</summary>
public class LexV2Interpretation
{
    [JsonPropertyName("intent")]
    public LexV2Intent? Intent { get; set; }

    /// <summary>How confident Lex is in the match, from 0 to 1.</summary>
    [JsonPropertyName("nluConfidence")]
    public double? NluConfidence { get; set; }

    /// <summary>The sentiment of the utterance, when sentiment analysis is on.</summary>
    [JsonPropertyName("sentimentResponse")]
    public LexV2SentimentResponse? SentimentResponse { get; set; }

    /// <summary><c>Lex</c> or <c>Bedrock</c>: what produced the interpretation.</summary>
    [JsonPropertyName("interpretationSource")]
    public string? InterpretationSource { get; set; }
}
