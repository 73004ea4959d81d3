namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito custom email sender trigger event (<c>CustomEmailSender_*</c>).</summary>
public class CognitoCustomEmailSenderEvent : CognitoTriggerEvent<CognitoCustomEmailSenderRequest, CognitoCustomEmailSenderResponse>
{
}
