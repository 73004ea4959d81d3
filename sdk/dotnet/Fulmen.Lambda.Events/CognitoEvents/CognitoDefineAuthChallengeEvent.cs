namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito define auth challenge trigger event (<c>DefineAuthChallenge_Authentication</c>).</summary>
public class CognitoDefineAuthChallengeEvent : CognitoTriggerEvent<CognitoDefineAuthChallengeRequest, CognitoDefineAuthChallengeResponse>
{
}
