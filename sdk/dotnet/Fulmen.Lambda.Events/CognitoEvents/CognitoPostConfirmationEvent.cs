namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito post confirmation trigger event (<c>PostConfirmation_*</c>).</summary>
public class CognitoPostConfirmationEvent : CognitoTriggerEvent<CognitoPostConfirmationRequest, CognitoPostConfirmationResponse>
{
}
