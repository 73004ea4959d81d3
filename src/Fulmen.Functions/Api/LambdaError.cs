namespace Fulmen.Functions.Api;

/// <summary>An AWS-shaped API error, carried as a value on the invoke path and thrown elsewhere.</summary>
public sealed record LambdaError(int StatusCode, string Type, string Message, string? Reason = null)
{
    public static LambdaError FunctionNotFound(string arn) => new(404, "ResourceNotFoundException", $"Function not found: {arn}");

    public static LambdaError InvalidParameter(string message) => new(400, "InvalidParameterValueException", message);

    public static LambdaError Validation(params string[] problems) => new(400, "ValidationException",
        $"{problems.Length} validation error{(problems.Length == 1 ? "" : "s")} detected: {string.Join("; ", problems)}");

    public static LambdaError Conflict(string message) => new(409, "ResourceConflictException", message);

    public static LambdaError PreconditionFailed() => new(412, "PreconditionFailedException",
        "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");

    /// <summary>The database is unreachable: nothing was changed, and the caller may try again (SDKs retry 503s).</summary>
    public static LambdaError StorageUnavailable(Fulmen.Storage.StorageUnavailableException e) => new(503, "ServiceException", e.ForClients);

    public static LambdaError Throttled(string reason) => new(429, "TooManyRequestsException", "Rate Exceeded.", reason);
}

/// <summary>Thrown by control-plane handlers; the edge turns it into the error response.</summary>
public sealed class LambdaApiException(LambdaError error) : Fulmen.Protocols.Errors.AwsErrorException(error.ToAwsError())
{
    public new LambdaError Error { get; } = error;
}
