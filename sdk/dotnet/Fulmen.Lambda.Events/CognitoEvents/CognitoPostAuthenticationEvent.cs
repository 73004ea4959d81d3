namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito post authentication trigger event (<c>PostAuthentication_Authentication</c>).</summary>
public class CognitoPostAuthenticationEvent : CognitoTriggerEvent<CognitoPostAuthenticationRequest, CognitoPostAuthenticationResponse>
{
}
