using Fulmen.Execution.Environments;

namespace Fulmen.Execution.RuntimeApi;

/// <summary>The environment behind one Runtime API endpoint.</summary>
public interface IRuntimeApiTarget
{
    /// <summary>Waits for the next invocation; the first call also marks the end of init.</summary>
    ValueTask<Invocation> NextAsync(CancellationToken cancellationToken);

    RuntimeApiResult Respond(string requestId, ReadOnlyMemory<byte> body, string? contentType, bool isError);

    RuntimeApiResult ResponseTooLarge(string requestId);

    RuntimeApiResult InitError(ReadOnlyMemory<byte> body, string? errorType);
}

public enum RuntimeApiResult
{
    Accepted,
    InvalidRequestId,
    InvalidStateTransition,
    TooLarge,
}
