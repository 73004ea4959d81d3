namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito custom SMS sender trigger's <c>response</c> (empty: nothing to return).</summary>
public class CognitoCustomSmsSenderResponse : CognitoTriggerResponse
{
}
