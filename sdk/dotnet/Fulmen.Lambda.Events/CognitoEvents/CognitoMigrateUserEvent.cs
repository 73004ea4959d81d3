namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The Cognito migrate user trigger event (<c>UserMigration_*</c>).</summary>
public class CognitoMigrateUserEvent : CognitoTriggerEvent<CognitoMigrateUserRequest, CognitoMigrateUserResponse>
{
}
