using Fulmen.Execution.RuntimeApi;

namespace Fulmen.Execution.Environments;

/// <summary>What the environment's Runtime API endpoint does with each call from the runtime.</summary>
public sealed partial class ExecutionEnvironment : IRuntimeApiTarget
{
    ValueTask<Invocation> IRuntimeApiTarget.NextAsync(CancellationToken cancellationToken)
    {
        if (!_init.Task.IsCompleted)
        {
            _initDuration = _services.Time.GetElapsedTime(_startedAt);
            _init.TrySetResult(null);
        }
        return _next.Reader.ReadAsync(cancellationToken);
    }

    RuntimeApiResult IRuntimeApiTarget.Respond(string requestId, ReadOnlyMemory<byte> body, string? contentType, bool isError)
    {
        var current = Volatile.Read(ref _current);
        if (current is null || !string.Equals(current.RequestId, requestId, StringComparison.Ordinal))
        {
            return RuntimeApiResult.InvalidRequestId;
        }
        return current.TryReply(new RuntimeReply(isError, body, isError ? "application/json" : contentType))
            ? RuntimeApiResult.Accepted
            : RuntimeApiResult.InvalidRequestId;
    }

    RuntimeApiResult IRuntimeApiTarget.ResponseTooLarge(string requestId)
    {
        var current = Volatile.Read(ref _current);
        if (current is null || !string.Equals(current.RequestId, requestId, StringComparison.Ordinal))
        {
            return RuntimeApiResult.InvalidRequestId;
        }
        current.TryReply(PlatformError.Reply("Function.ResponseSizeTooLarge",
            $"Response payload size exceeded maximum allowed payload size ({RuntimeApiServer.MaxResponseBytes} bytes)."));
        return RuntimeApiResult.TooLarge;
    }

    RuntimeApiResult IRuntimeApiTarget.InitError(ReadOnlyMemory<byte> body, string? errorType)
    {
        if (_init.Task.IsCompleted)
        {
            return RuntimeApiResult.InvalidStateTransition;
        }
        _init.TrySetResult(new RuntimeFailure(body.ToArray(), "", errorType ?? "Runtime.Unknown"));
        return RuntimeApiResult.Accepted;
    }
}
