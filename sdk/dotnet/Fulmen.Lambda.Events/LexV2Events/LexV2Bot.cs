using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>The Lex V2 bot, alias and locale that invoked the function.</summary>
public class LexV2Bot
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("aliasId")]
    public string? AliasId { get; set; }

    [JsonPropertyName("aliasName")]
    public string? AliasName { get; set; }

    /// <summary>e.g. <c>en_US</c>.</summary>
    [JsonPropertyName("localeId")]
    public string? LocaleId { get; set; }

    /// <summary>The bot version, e.g. <c>DRAFT</c> or <c>1</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }
}
