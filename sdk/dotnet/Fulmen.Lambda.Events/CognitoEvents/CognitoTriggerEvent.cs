using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The parameters every Cognito user pool trigger event shares; the function returns it with <c>response</c> filled in.</summary>
/// <typeparam name="TRequest">The trigger's <c>request</c> shape.</typeparam>
/// <typeparam name="TResponse">The trigger's <c>response</c> shape.</typeparam>
public abstract class CognitoTriggerEvent<TRequest, TResponse>
    where TRequest : CognitoTriggerRequest, new()
    where TResponse : CognitoTriggerResponse, new()
{
    /// <summary>The trigger's version, e.g. <c>1</c> (pre token generation also sends <c>2</c> or <c>3</c>).</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("region")]
    public string? Region { get; set; }

    [JsonPropertyName("userPoolId")]
    public string? UserPoolId { get; set; }

    [JsonPropertyName("userName")]
    public string? UserName { get; set; }

    [JsonPropertyName("callerContext")]
    public CognitoTriggerCallerContext? CallerContext { get; set; }

    /// <summary>What fired the trigger, e.g. <c>PreSignUp_SignUp</c> or <c>TokenGeneration_Authentication</c>.</summary>
    [JsonPropertyName("triggerSource")]
    public string? TriggerSource { get; set; }

    [JsonPropertyName("request")]
    public TRequest? Request { get; set; }

    [JsonPropertyName("response")]
    public TResponse? Response { get; set; }
}
