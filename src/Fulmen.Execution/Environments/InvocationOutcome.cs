namespace Fulmen.Execution.Environments;

/// <summary>
/// The result of running an invocation: the response or error body exactly as the caller receives it.
/// Errors the platform detects (timeout, crash, init failure) are function errors, as on AWS.
/// </summary>
public sealed class InvocationOutcome
{
    public required bool IsFunctionError { get; init; }
    public required ReadOnlyMemory<byte> Payload { get; init; }
    public string ContentType { get; init; } = "application/json";
    public required string ExecutedVersion { get; init; }
    /// <summary>Base64 of the last 4 KB of the invocation's log, when the caller asked for it.</summary>
    public string? LogTail { get; init; }
}
