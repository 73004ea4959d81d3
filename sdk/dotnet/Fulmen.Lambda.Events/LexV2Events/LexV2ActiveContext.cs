using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>A Lex V2 context active in the session, with its attributes and lifetime.</summary>
public class LexV2ActiveContext
{
    [JsonPropertyName("contextAttributes")]
    public IDictionary<string, string>? ContextAttributes { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("timeToLive")]
    public ActiveContextTimeToLive? TimeToLive { get; set; }

    /// <summary>How long a context stays active, in seconds and in conversation turns.</summary>
    public class ActiveContextTimeToLive
    {
        [JsonPropertyName("timeToLiveInSeconds")]
        public int TimeToLiveInSeconds { get; set; }

        [JsonPropertyName("turnsToLive")]
        public int TurnsToLive { get; set; }
    }
}
