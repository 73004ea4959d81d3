using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito verify auth challenge response trigger's <c>response</c>: whether the answer was correct.</summary>
public class CognitoVerifyAuthChallengeResponse : CognitoTriggerResponse
{
    [JsonPropertyName("answerCorrect")]
    public bool? AnswerCorrect { get; set; }
}
