namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre token generation trigger event, version 1 (<c>TokenGeneration_*</c>).</summary>
public class CognitoPreTokenGenerationEvent : CognitoTriggerEvent<CognitoPreTokenGenerationRequest, CognitoPreTokenGenerationResponse>
{
}
