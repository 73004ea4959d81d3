using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito custom message trigger's <c>response</c>: the SMS and email texts to send.</summary>
public class CognitoCustomMessageResponse : CognitoTriggerResponse
{
    [JsonPropertyName("smsMessage")]
    public string? SmsMessage { get; set; }

    [JsonPropertyName("emailMessage")]
    public string? EmailMessage { get; set; }

    [JsonPropertyName("emailSubject")]
    public string? EmailSubject { get; set; }
}
