using Fulmen.Events.Delivery.Sending;
using Fulmen.Storage.Queues;

namespace Fulmen.Events.Tests.Sending;

/// <summary>
/// The real queue store, every call passed through unchanged, counting what happens to the retry queue: the worker's
/// polls (leases), the sends they found due, and the retries settled after an attempt (released for later or
/// acknowledged). A test moves the fake clock only once the worker's poll is over, so no tick is lost or merged.
/// </summary>
public sealed class WatchedQueueStore(IQueueStore store) : IQueueStore
{
    public Occurrences Polls { get; } = new();
    public Occurrences LeasedItems { get; } = new();
    public Occurrences Settled { get; } = new();

    public Task<long> AppendAsync(string queue, QueueAppend item, CancellationToken cancellationToken = default) =>
        store.AppendAsync(queue, item, cancellationToken);

    public Task<IReadOnlyList<long>> AppendBatchAsync(string queue, IReadOnlyList<QueueAppend> items, CancellationToken cancellationToken = default) =>
        store.AppendBatchAsync(queue, items, cancellationToken);

    public Task<QueueAppendResult> AppendAsync(string queue, QueueAppend item, QueueDeduplication deduplication, CancellationToken cancellationToken = default) =>
        store.AppendAsync(queue, item, deduplication, cancellationToken);

    public async Task<IReadOnlyList<QueueItem>> LeaseAsync(string queue, QueueLeaseRequest request, CancellationToken cancellationToken = default)
    {
        var items = await store.LeaseAsync(queue, request, cancellationToken);
        if (queue == RetryQueue.QueueName)
        {
            // Items first: whoever sees the poll counted sees what it found.
            LeasedItems.Add(items.Count);
            Polls.Add();
        }
        return items;
    }

    public async Task<bool> AcknowledgeAsync(string queue, long id, CancellationToken cancellationToken = default)
    {
        var done = await store.AcknowledgeAsync(queue, id, cancellationToken);
        Count(queue, Settled);
        return done;
    }

    public async Task<bool> ReleaseAsync(string queue, long id, TimeSpan delay, ReadOnlyMemory<byte>? attributes = null, CancellationToken cancellationToken = default)
    {
        var released = await store.ReleaseAsync(queue, id, delay, attributes, cancellationToken);
        Count(queue, Settled);
        return released;
    }

    public Task<int> RenewAsync(string queue, string holder, TimeSpan visibility, CancellationToken cancellationToken = default) =>
        store.RenewAsync(queue, holder, visibility, cancellationToken);

    public Task<int> ReleaseHeldAsync(string queue, string holder, CancellationToken cancellationToken = default) =>
        store.ReleaseHeldAsync(queue, holder, cancellationToken);

    public Task<byte[]?> ReadBodyAsync(string queue, long id, CancellationToken cancellationToken = default) =>
        store.ReadBodyAsync(queue, id, cancellationToken);

    public Task<QueueCounts> CountAsync(string queue, CancellationToken cancellationToken = default) => store.CountAsync(queue, cancellationToken);

    public Task<long> CountDelayedAsync(string queue, CancellationToken cancellationToken = default) => store.CountDelayedAsync(queue, cancellationToken);

    public Task<int> PurgeAsync(string queue, CancellationToken cancellationToken = default) => store.PurgeAsync(queue, cancellationToken);

    // The backend owns the store and disposes it.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static void Count(string queue, Occurrences occurrences)
    {
        if (queue == RetryQueue.QueueName)
        {
            occurrences.Add();
        }
    }
}
