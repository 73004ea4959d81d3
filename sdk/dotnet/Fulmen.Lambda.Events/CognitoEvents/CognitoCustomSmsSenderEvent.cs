namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito custom SMS sender trigger event (<c>CustomSMSSender_*</c>).</summary>
public class CognitoCustomSmsSenderEvent : CognitoTriggerEvent<CognitoCustomSmsSenderRequest, CognitoCustomSmsSenderResponse>
{
}
