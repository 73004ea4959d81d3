namespace Fulmen.Storage.Async;

/// <summary>
/// The durable queue of asynchronous invocations. Every write is on disk when its task completes; writes
/// from concurrent callers share one flush (group commit), so throughput does not pay one fsync per event.
/// Delivery is at least once: an event stays stored until <see cref="DeleteAsync"/>, so events in flight
/// when the server dies are run again at the next start.
/// </summary>
/// <remarks>
/// One node owns the events it accepted. A shared store (PostgreSQL) would add a lease per event
/// (claimed with <c>FOR UPDATE SKIP LOCKED</c>) so that another node can take over a dead node's events.
/// </remarks>
public interface IAsyncEventStore : IAsyncDisposable
{
    /// <summary>A new, unique event id; ids grow in acceptance order.</summary>
    long NextId();

    /// <summary>Stores a new event with its payload.</summary>
    Task AppendAsync(AsyncEvent asyncEvent, ReadOnlyMemory<byte> payload);

    /// <summary>Records an attempt's effect: when to try next, the counters, the last response.</summary>
    Task UpdateAsync(AsyncEvent asyncEvent);

    /// <summary>Forgets an event that was delivered, sent to a destination, or dropped.</summary>
    Task DeleteAsync(long id);

    Task<ReadOnlyMemory<byte>> ReadPayloadAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Every stored event without its payload, oldest first: the backlog to resume at start.</summary>
    Task<IReadOnlyList<AsyncEvent>> LoadAsync(CancellationToken cancellationToken = default);
}
