namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito create auth challenge trigger event (<c>CreateAuthChallenge_Authentication</c>).</summary>
public class CognitoCreateAuthChallengeEvent : CognitoTriggerEvent<CognitoCreateAuthChallengeRequest, CognitoCreateAuthChallengeResponse>
{
}
