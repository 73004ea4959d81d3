using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>A card with a title, an optional image and buttons that the messaging platform displays.</summary>
public class LexV2ImageResponseCard
{
    [JsonPropertyName("buttons")]
    public IList<LexV2Button>? Buttons { get; set; }

    [JsonPropertyName("imageUrl")]
    public string? ImageUrl { get; set; }

    [JsonPropertyName("subtitle")]
    public string? Subtitle { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }
}
