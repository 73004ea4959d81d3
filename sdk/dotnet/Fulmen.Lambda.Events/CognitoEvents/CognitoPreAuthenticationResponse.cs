namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre authentication trigger's <c>response</c> (empty: throw to deny sign-in).</summary>
public class CognitoPreAuthenticationResponse : CognitoTriggerResponse
{
}
