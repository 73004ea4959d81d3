namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito custom email sender trigger's <c>response</c> (empty: nothing to return).</summary>
public class CognitoCustomEmailSenderResponse : CognitoTriggerResponse
{
}
