using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>A message Lex V2 shows the user: text, SSML, a custom payload or a response card.</summary>
public class LexV2Message
{
    [JsonPropertyName("content")]
    public string? Content { get; set; }

    /// <summary><c>PlainText</c>, <c>SSML</c>, <c>CustomPayload</c> or <c>ImageResponseCard</c>.</summary>
    [JsonPropertyName("contentType")]
    public string? ContentType { get; set; }

    [JsonPropertyName("imageResponseCard")]
    public LexV2ImageResponseCard? ImageResponseCard { get; set; }
}
