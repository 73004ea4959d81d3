namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre authentication trigger event (<c>PreAuthentication_Authentication</c>).</summary>
public class CognitoPreAuthenticationEvent : CognitoTriggerEvent<CognitoPreAuthenticationRequest, CognitoPreAuthenticationResponse>
{
}
