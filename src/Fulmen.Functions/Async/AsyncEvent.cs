namespace Fulmen.Functions.Async;

/// <summary>
/// An accepted asynchronous invocation and where it stands: an item of the durable queue held by this node. The
/// dispatcher owns the mutable members; what must survive a restart is written back as the item's attributes
/// (<see cref="AsyncEventState"/>) after every attempt that used up a retry.
/// </summary>
public sealed class AsyncEvent
{
    public required long Id { get; init; }
    /// <summary>The same for every attempt, as on AWS.</summary>
    public required string RequestId { get; init; }
    public required string FunctionName { get; init; }
    public required string Qualifier { get; init; }
    public required DateTimeOffset EnqueuedAt { get; init; }
    public required DateTimeOffset DueAt { get; set; }
    /// <summary>Attempts that reached the function (AWS's <c>approximateInvokeCount</c>).</summary>
    public int InvokeCount { get; set; }
    /// <summary>Retries spent on function errors; bounded by MaximumRetryAttempts.</summary>
    public int Retries { get; set; }
    /// <summary>Throttles and system errors in a row; the exponent of the back-off (kept in memory only).</summary>
    public int Throttles { get; set; }
    /// <summary>The event, when held in memory; otherwise read from the queue.</summary>
    public ReadOnlyMemory<byte>? Payload { get; set; }
    /// <summary>The last attempt's answer, kept for the failure destination's record.</summary>
    public StoredResponse? LastResponse { get; set; }
}

/// <summary>What a function answered on an attempt.</summary>
public sealed record StoredResponse(int StatusCode, string ExecutedVersion, string? FunctionError, ReadOnlyMemory<byte> Payload);
