namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito pre sign-up trigger event (<c>PreSignUp_*</c>).</summary>
public class CognitoPreSignupEvent : CognitoTriggerEvent<CognitoPreSignupRequest, CognitoPreSignupResponse>
{
}
