namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre token generation trigger event, versions 2 and 3 (<c>TokenGeneration_*</c>).</summary>
public class CognitoPreTokenGenerationV2Event : CognitoTriggerEvent<CognitoPreTokenGenerationV2Request, CognitoPreTokenGenerationV2Response>
{
}
