using Fulmen.Storage.Async;

namespace Fulmen.Functions.Async;

/// <summary>
/// Accepts events for asynchronous invocation: each is on disk before <see cref="EnqueueAsync"/> returns
/// (so before the caller's 202), then handed to the scheduler. Small backlogs keep their payloads in memory;
/// beyond <see cref="AsyncOptions.PayloadMemoryBytes"/> they are read back from the store when run.
/// </summary>
public sealed class AsyncEventQueue(IAsyncEventStore store, AsyncScheduler scheduler, AsyncOptions options, TimeProvider time)
{
    private long _heldBytes;

    public IAsyncEventStore Store => store;

    public async Task EnqueueAsync(string functionName, string qualifier, string requestId, ReadOnlyMemory<byte> payload)
    {
        var now = time.GetUtcNow();
        var asyncEvent = new AsyncEvent
        {
            Id = store.NextId(),
            RequestId = requestId,
            FunctionName = functionName,
            Qualifier = qualifier,
            EnqueuedAt = now,
            DueAt = now,
        };
        await store.AppendAsync(asyncEvent, payload);
        if (Interlocked.Add(ref _heldBytes, payload.Length) <= options.PayloadMemoryBytes)
        {
            asyncEvent.Payload = payload;
        }
        else
        {
            Interlocked.Add(ref _heldBytes, -payload.Length);
        }
        scheduler.Add(asyncEvent);
    }

    /// <summary>The event's payload, from memory or from the store.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> PayloadOfAsync(AsyncEvent asyncEvent, CancellationToken cancellationToken) =>
        asyncEvent.Payload ?? await store.ReadPayloadAsync(asyncEvent.Id, cancellationToken);

    /// <summary>Lets go of a finished event's payload.</summary>
    public void Forget(AsyncEvent asyncEvent)
    {
        if (asyncEvent.Payload is { } payload)
        {
            asyncEvent.Payload = null;
            Interlocked.Add(ref _heldBytes, -payload.Length);
        }
    }
}
