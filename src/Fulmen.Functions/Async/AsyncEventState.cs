using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Functions.Async;

/// <summary>The part of an <see cref="AsyncEvent"/> kept with its queue item (the item's attributes), as JSON.</summary>
internal sealed record AsyncEventState
{
    public required string RequestId { get; init; }
    public required string FunctionName { get; init; }
    public required string Qualifier { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public int InvokeCount { get; init; }
    public int Retries { get; init; }
    public int? LastStatus { get; init; }
    public string? LastVersion { get; init; }
    public string? LastError { get; init; }
    public byte[]? LastResponse { get; init; }

    public static byte[] New(string requestId, string functionName, string qualifier, DateTimeOffset dueAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new AsyncEventState { RequestId = requestId, FunctionName = functionName, Qualifier = qualifier, DueAt = dueAt },
            AsyncStateJsonContext.Default.AsyncEventState);

    public static byte[] Of(AsyncEvent e) => JsonSerializer.SerializeToUtf8Bytes(new AsyncEventState
    {
        RequestId = e.RequestId,
        FunctionName = e.FunctionName,
        Qualifier = e.Qualifier,
        DueAt = e.DueAt,
        InvokeCount = e.InvokeCount,
        Retries = e.Retries,
        LastStatus = e.LastResponse?.StatusCode,
        LastVersion = e.LastResponse?.ExecutedVersion,
        LastError = e.LastResponse?.FunctionError,
        LastResponse = e.LastResponse?.Payload.ToArray(),
    }, AsyncStateJsonContext.Default.AsyncEventState);

    public static AsyncEvent Read(long id, DateTimeOffset enqueuedAt, ReadOnlySpan<byte> attributes)
    {
        var state = JsonSerializer.Deserialize(attributes, AsyncStateJsonContext.Default.AsyncEventState)
            ?? throw new InvalidDataException($"Asynchronous event {id} has no state.");
        return new AsyncEvent
        {
            Id = id,
            RequestId = state.RequestId,
            FunctionName = state.FunctionName,
            Qualifier = state.Qualifier,
            EnqueuedAt = enqueuedAt,
            DueAt = state.DueAt,
            InvokeCount = state.InvokeCount,
            Retries = state.Retries,
            LastResponse = state.LastStatus is { } status
                ? new StoredResponse(status, state.LastVersion ?? "$LATEST", state.LastError, state.LastResponse ?? [])
                : null,
        };
    }
}

[JsonSerializable(typeof(AsyncEventState))]
internal sealed partial class AsyncStateJsonContext : JsonSerializerContext;
