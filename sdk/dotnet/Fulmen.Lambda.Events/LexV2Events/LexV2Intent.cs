using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>A Lex V2 intent: its slots, its state and whether the user confirmed it.</summary>
public class LexV2Intent
{
    /// <summary><c>Confirmed</c>, <c>Denied</c> or <c>None</c>.</summary>
    [JsonPropertyName("confirmationState")]
    public string? ConfirmationState { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>Every slot of the intent by name; an unfilled slot's value is <see langword="null"/>.</summary>
    [JsonPropertyName("slots")]
    public IDictionary<string, LexV2Slot?>? Slots { get; set; }

    /// <summary><c>Failed</c>, <c>Fulfilled</c>, <c>FulfillmentInProgress</c>, <c>InProgress</c>, <c>ReadyForFulfillment</c> or <c>Waiting</c>.</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }

    /// <summary>The Amazon Kendra query result (the <c>AMAZON.KendraSearchIntent</c> only).</summary>
    [JsonPropertyName("kendraResponse")]
    public KendraResponse? KendraResponse { get; set; }
}
