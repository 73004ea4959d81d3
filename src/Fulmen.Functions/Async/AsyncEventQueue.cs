using System.Collections.Concurrent;
using Fulmen.Storage;
using Fulmen.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Fulmen.Functions.Async;

/// <summary>
/// Accepted asynchronous events as items of one durable queue. Each is on disk before <see cref="EnqueueAsync"/>
/// returns (so before the caller's 202) and held by this node while it is scheduled here: appended already leased,
/// its hold renewed while the node lives. A node that restarts takes its own events back at once; events of a node
/// that died become visible when their hold lapses, and any node takes them. Small backlogs keep their payloads in
/// memory; beyond <see cref="AsyncOptions.PayloadMemoryBytes"/> they are read back from the store when run.
/// </summary>
public sealed partial class AsyncEventQueue(IQueueStore store, AsyncScheduler scheduler, AsyncOptions options, TimeProvider time, ILogger<AsyncEventQueue> logger)
{
    public const string QueueName = "lambda-async";
    private const int LeaseBatch = 1000;
    private readonly ConcurrentDictionary<long, AsyncEvent> _held = new();
    private long _heldBytes;

    public async Task EnqueueAsync(string functionName, string qualifier, string requestId, ReadOnlyMemory<byte> payload)
    {
        var now = time.GetUtcNow();
        var e = new AsyncEnqueue(functionName, qualifier, requestId, payload);
        Hold(await store.AppendAsync(QueueName, Append(e, now)), e, now);
    }

    /// <summary>
    /// Several events at once, in list order (their ids, and so their place in the scheduler, follow it): they share
    /// the store's commit, and each is on disk before the task completes.
    /// </summary>
    public async Task EnqueueBatchAsync(IReadOnlyList<AsyncEnqueue> events)
    {
        var now = time.GetUtcNow();
        var appends = new QueueAppend[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            appends[i] = Append(events[i], now);
        }
        var ids = await store.AppendBatchAsync(QueueName, appends);
        for (var i = 0; i < events.Count; i++)
        {
            Hold(ids[i], events[i], now);
        }
    }

    private QueueAppend Append(AsyncEnqueue e, DateTimeOffset now) => new()
    {
        Body = e.Payload,
        Attributes = AsyncEventState.New(e.RequestId, e.FunctionName, e.Qualifier, now),
        Holder = options.NodeId,
        Delay = options.HoldFor,
    };

    private void Hold(long id, AsyncEnqueue e, DateTimeOffset now)
    {
        var (functionName, qualifier, requestId, payload) = e;
        var asyncEvent = new AsyncEvent
        {
            Id = id,
            RequestId = requestId,
            FunctionName = functionName,
            Qualifier = qualifier,
            EnqueuedAt = now,
            DueAt = now,
        };
        if (Interlocked.Add(ref _heldBytes, payload.Length) <= options.PayloadMemoryBytes)
        {
            asyncEvent.Payload = payload;
        }
        else
        {
            Interlocked.Add(ref _heldBytes, -payload.Length);
        }
        _held[id] = asyncEvent;
        scheduler.Add(asyncEvent);
    }

    /// <summary>
    /// Takes every visible event into the scheduler (after a restart, first those this node held before); returns how
    /// many. Events already held here (whose hold lapsed while the store was unreachable) are not taken twice.
    /// </summary>
    public async Task<int> TakeOverAsync(bool restarted, CancellationToken cancellationToken)
    {
        if (restarted)
        {
            await store.ReleaseHeldAsync(QueueName, options.NodeId, cancellationToken);
        }
        var taken = 0;
        var request = new QueueLeaseRequest { Holder = options.NodeId, MaxItems = LeaseBatch, Visibility = options.HoldFor, IncludeBody = false };
        IReadOnlyList<QueueItem> items;
        do
        {
            items = await store.LeaseAsync(QueueName, request, cancellationToken);
            foreach (var item in items)
            {
                var asyncEvent = AsyncEventState.Read(item.Id, item.EnqueuedAt, item.Attributes.Span);
                if (_held.TryAdd(item.Id, asyncEvent))
                {
                    scheduler.Add(asyncEvent);
                    taken++;
                }
            }
        }
        while (items.Count == LeaseBatch);
        return taken;
    }

    /// <summary>Extends the hold on every event of this node.</summary>
    public Task RenewAsync(CancellationToken cancellationToken) => store.RenewAsync(QueueName, options.NodeId, options.HoldFor, cancellationToken);

    /// <summary>Stores the event's state after an attempt that used a retry; it stays held, hidden past its next attempt.</summary>
    public Task RecordRetryAsync(AsyncEvent asyncEvent)
    {
        var untilDue = asyncEvent.DueAt - time.GetUtcNow();
        return store.ReleaseAsync(QueueName, asyncEvent.Id, (untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero) + options.HoldFor, AsyncEventState.Of(asyncEvent));
    }

    /// <summary>
    /// Removes a finished event from the store. While the store is unreachable it keeps trying (until
    /// <paramref name="stopping"/>): an event whose removal was never stored would run again after a restart.
    /// </summary>
    public async Task CompleteAsync(AsyncEvent asyncEvent, CancellationToken stopping)
    {
        Forget(asyncEvent);
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await store.AcknowledgeAsync(QueueName, asyncEvent.Id, CancellationToken.None);
                _held.TryRemove(asyncEvent.Id, out _);
                return;
            }
            catch (StorageUnavailableException e) when (!stopping.IsCancellationRequested)
            {
                LogCompleteDeferred(asyncEvent.RequestId, delay.TotalSeconds, e.Message);
                await Task.Delay(delay, time, stopping);
                delay = delay * 2 < options.StoreRetryCap ? delay * 2 : options.StoreRetryCap;
            }
        }
    }

    /// <summary>The event's payload, from memory or from the store.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> PayloadOfAsync(AsyncEvent asyncEvent, CancellationToken cancellationToken) =>
        asyncEvent.Payload ?? await store.ReadBodyAsync(QueueName, asyncEvent.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Asynchronous event {asyncEvent.Id} is not stored.");

    /// <summary>Lets go of a finished event's payload.</summary>
    private void Forget(AsyncEvent asyncEvent)
    {
        if (asyncEvent.Payload is { } payload)
        {
            asyncEvent.Payload = null;
            Interlocked.Add(ref _heldBytes, -payload.Length);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The store is unavailable; removing finished asynchronous event {RequestId} again in {Seconds} s: {Reason}")]
    private partial void LogCompleteDeferred(string requestId, double seconds, string reason);
}

/// <summary>One event for <see cref="AsyncEventQueue.EnqueueBatchAsync"/>: the function, the qualifier as named, the request id, the payload.</summary>
public readonly record struct AsyncEnqueue(string FunctionName, string Qualifier, string RequestId, ReadOnlyMemory<byte> Payload);
