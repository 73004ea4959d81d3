namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito custom message trigger event (<c>CustomMessage_*</c>).</summary>
public class CognitoCustomMessageEvent : CognitoTriggerEvent<CognitoCustomMessageRequest, CognitoCustomMessageResponse>
{
}
