namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito post authentication trigger's <c>response</c> (empty: nothing to return).</summary>
public class CognitoPostAuthenticationResponse : CognitoTriggerResponse
{
}
