namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito post confirmation trigger's <c>response</c> (empty: nothing to return).</summary>
public class CognitoPostConfirmationResponse : CognitoTriggerResponse
{
}
