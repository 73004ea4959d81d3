using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>The confidence of each sentiment, from 0 to 1.</summary>
public class LexV2SentimentScore
{
    [JsonPropertyName("mixed")]
    public double? Mixed { get; set; }

    [JsonPropertyName("negative")]
    public double? Negative { get; set; }

    [JsonPropertyName("neutral")]
    public double? Neutral { get; set; }

    [JsonPropertyName("positive")]
    public double? Positive { get; set; }
}
