namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The base of every Cognito user pool trigger's <c>response</c>.</summary>
public abstract class CognitoTriggerResponse
{
}
