namespace Fulmen.Storage.Functions;

/// <summary>
/// A function's asynchronous invocation settings for one qualifier (FunctionEventInvokeConfig).
/// Unset members keep AWS's defaults: 2 retries, 6 hours of event age, no destinations.
/// </summary>
public sealed record EventInvokeConfigRecord
{
    public int? MaximumRetryAttempts { get; init; }
    public int? MaximumEventAgeInSeconds { get; init; }
    /// <summary>Destination ARN for successful invocations, or null.</summary>
    public string? OnSuccess { get; init; }
    /// <summary>Destination ARN for events that ran out of retries or age, or null.</summary>
    public string? OnFailure { get; init; }
    public DateTimeOffset LastModified { get; init; }
}
