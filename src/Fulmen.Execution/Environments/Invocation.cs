namespace Fulmen.Execution.Environments;

/// <summary>One request to run a function, handed to a waiting runtime through <c>/next</c>.</summary>
public sealed class Invocation(string requestId, ReadOnlyMemory<byte> payload, string invokedFunctionArn)
{
    private readonly TaskCompletionSource<RuntimeReply> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RequestId { get; } = requestId;
    public ReadOnlyMemory<byte> Payload { get; } = payload;
    public string InvokedFunctionArn { get; } = invokedFunctionArn;
    /// <summary>The decoded client context JSON (synchronous invokes only).</summary>
    public string? ClientContext { get; init; }
    public string? TraceId { get; init; }
    public bool WantsLogTail { get; init; }
    /// <summary>Absolute deadline in Unix milliseconds, set when the invocation is handed to the runtime.</summary>
    public long DeadlineMs { get; internal set; }

    internal Task<RuntimeReply> Reply => _reply.Task;

    /// <summary>False when a reply was already recorded: the runtime may answer an invocation once.</summary>
    internal bool TryReply(RuntimeReply reply) => _reply.TrySetResult(reply);
}

/// <summary>What the runtime (or the platform on its behalf) answered.</summary>
internal readonly record struct RuntimeReply(bool IsError, ReadOnlyMemory<byte> Body, string? ContentType);
