namespace Fulmen.Events.Delivery.Sending;

/// <summary>
/// What one attempt at a target came to: delivered, failed in a way a later attempt may not (throttled, the store
/// unreachable), or failed for good (no such target, no permission, a payload the target refuses). Codes are those
/// EventBridge writes as a dead-lettered message's <c>ERROR_CODE</c>.
/// </summary>
public readonly record struct SendOutcome(SendResult Result, string? ErrorCode, string? ErrorMessage)
{
    public static SendOutcome Delivered => new(SendResult.Delivered, null, null);

    public static SendOutcome Retryable(string code, string message) => new(SendResult.Retryable, code, message);

    public static SendOutcome Failed(string code, string message) => new(SendResult.Failed, code, message);
}

public enum SendResult
{
    Delivered,
    Retryable,
    Failed,
}

/// <summary>EventBridge's documented <c>ERROR_CODE</c> values that Fulmen produces.</summary>
public static class SendErrorCodes
{
    public const string NoResource = "NO_RESOURCE";
    public const string NoPermissions = "NO_PERMISSIONS";
    public const string Throttling = "THROTTLING";
    public const string InvalidParameter = "INVALID_PARAMETER";
    public const string InvalidJson = "INVALID_JSON";
    public const string ConnectionFailure = "CONNECTION_FAILURE";
    public const string Unknown = "UNKNOWN";
}
