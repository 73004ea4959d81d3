namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito verify auth challenge response trigger event (<c>VerifyAuthChallengeResponse_Authentication</c>).</summary>
public class CognitoVerifyAuthChallengeEvent : CognitoTriggerEvent<CognitoVerifyAuthChallengeRequest, CognitoVerifyAuthChallengeResponse>
{
}
