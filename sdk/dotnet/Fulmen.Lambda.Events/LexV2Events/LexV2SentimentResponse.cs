using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>The sentiment Amazon Comprehend found in the utterance.</summary>
public class LexV2SentimentResponse
{
    /// <summary><c>POSITIVE</c>, <c>NEGATIVE</c>, <c>NEUTRAL</c> or <c>MIXED</c>.</summary>
    [JsonPropertyName("sentiment")]
    public string? Sentiment { get; set; }

    [JsonPropertyName("sentimentScore")]
    public LexV2SentimentScore? SentimentScore { get; set; }
}
