namespace Fulmen.Storage.Queues;

/// <summary>
/// Durable queues of items, by queue name. Appends are on disk when their task completes; writes from concurrent
/// callers share one commit (group commit), so throughput does not pay one flush per item. Consumers lease
/// items until a visibility deadline: a leased item is skipped by every other consumer (in this process or
/// another on the same database) until it is acknowledged (deleted), released, or its deadline passes, when it
/// is visible again. Delivery is therefore at least once.
/// </summary>
public interface IQueueStore : IAsyncDisposable
{
    /// <summary>Appends an item; returns its id. Ids grow in the order appends are committed.</summary>
    Task<long> AppendAsync(string queue, QueueAppend item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends several items, in list order: their ids ascend in that order, and each is on disk when the task
    /// completes. They go to the writer together, so they share a commit (a long list may span a few); a failure
    /// fails the task, and items of the list may then be stored or not, as with single appends that fail.
    /// </summary>
    Task<IReadOnlyList<long>> AppendBatchAsync(string queue, IReadOnlyList<QueueAppend> items, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends an item unless an append with the same <see cref="QueueDeduplication.Key"/> was stored in this queue
    /// within its window; atomic against every other appender (in this process or another on the same database).
    /// A duplicate appends nothing and answers the first append's id and tag. The key is remembered for the window
    /// from the first append, whether the item is acknowledged meanwhile or not.
    /// </summary>
    Task<QueueAppendResult> AppendAsync(string queue, QueueAppend item, QueueDeduplication deduplication, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases up to <see cref="QueueLeaseRequest.MaxItems"/> visible items, those visible longest first: each becomes
    /// invisible until now + <see cref="QueueLeaseRequest.Visibility"/>, held by <see cref="QueueLeaseRequest.Holder"/>,
    /// and its receive count grows by one.
    /// </summary>
    Task<IReadOnlyList<QueueItem>> LeaseAsync(string queue, QueueLeaseRequest request, CancellationToken cancellationToken = default);

    /// <summary>Deletes an item that is finished with; false when it is not stored (already acknowledged).</summary>
    Task<bool> AcknowledgeAsync(string queue, long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes an item visible again after <paramref name="delay"/> (zero: now), replacing its attributes when given.
    /// Its holder stays recorded, so <see cref="ReleaseHeldAsync"/> and <see cref="RenewAsync"/> still find it.
    /// False when it is not stored.
    /// </summary>
    Task<bool> ReleaseAsync(string queue, long id, TimeSpan delay, ReadOnlyMemory<byte>? attributes = null, CancellationToken cancellationToken = default);

    /// <summary>Extends every item held by <paramref name="holder"/> to be invisible at least until now + visibility; returns how many.</summary>
    Task<int> RenewAsync(string queue, string holder, TimeSpan visibility, CancellationToken cancellationToken = default);

    /// <summary>Makes every item held by <paramref name="holder"/> visible now and unheld (a holder that restarted); returns how many.</summary>
    Task<int> ReleaseHeldAsync(string queue, string holder, CancellationToken cancellationToken = default);

    /// <summary>An item's body, or null when it is not stored.</summary>
    Task<byte[]?> ReadBodyAsync(string queue, long id, CancellationToken cancellationToken = default);

    Task<QueueCounts> CountAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Items not visible yet that were never leased: appended with a delay still running (SQS's
    /// <c>ApproximateNumberOfMessagesDelayed</c>; the rest of <see cref="QueueCounts.Invisible"/> is in flight).
    /// </summary>
    Task<long> CountDelayedAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>Deletes every item of the queue, leased or not (a purge, or a deleted queue); returns how many.</summary>
    Task<int> PurgeAsync(string queue, CancellationToken cancellationToken = default);
}

/// <summary>What to append: the body, small attributes the consumer owns, and when the item first becomes visible.</summary>
public sealed record QueueAppend
{
    public required ReadOnlyMemory<byte> Body { get; init; }
    public ReadOnlyMemory<byte> Attributes { get; init; }
    /// <summary>Invisible for this long after the append (SQS's DelaySeconds).</summary>
    public TimeSpan Delay { get; init; }
    /// <summary>Appended already leased by this holder (invisible for <see cref="Delay"/>, renewed by <see cref="IQueueStore.RenewAsync"/>).</summary>
    public string? Holder { get; init; }
    /// <summary>The item's group (SQS's MessageGroupId): a <see cref="QueueLeaseRequest.Grouped"/> lease keeps each group in order.</summary>
    public string? Group { get; init; }
}

/// <summary>
/// Append-once: <see cref="Key"/> is remembered for <see cref="Window"/> after the first append, with
/// <see cref="Tag"/> (the caller's name for that append, e.g. SQS's MessageId) to answer duplicates with.
/// </summary>
public sealed record QueueDeduplication(string Key, TimeSpan Window, string? Tag = null);

/// <summary>An append-once's outcome: the id (and tag) of the item stored under the key, and whether it was there before.</summary>
public readonly record struct QueueAppendResult(long Id, bool Duplicate, string? Tag);

public sealed record QueueLeaseRequest
{
    public required string Holder { get; init; }
    public required int MaxItems { get; init; }
    public required TimeSpan Visibility { get; init; }
    /// <summary>False to leave bodies in the store (read later with <see cref="IQueueStore.ReadBodyAsync"/>).</summary>
    public bool IncludeBody { get; init; } = true;
    /// <summary>
    /// FIFO groups: an item with a group is leased only when no item of its group is in flight (leased and still
    /// invisible) and no earlier item of its group is invisible; items come out in append order. So a group is
    /// served in order, one lease at a time, while other groups (and items without a group) are served beside it.
    /// </summary>
    public bool Grouped { get; init; }
}

/// <summary>A leased item.</summary>
public sealed record QueueItem
{
    public required long Id { get; init; }
    /// <summary>Empty when the lease asked for no bodies.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }
    public required ReadOnlyMemory<byte> Attributes { get; init; }
    public required DateTimeOffset EnqueuedAt { get; init; }
    /// <summary>Leases of this item so far, this one included.</summary>
    public required int ReceiveCount { get; init; }
    public required DateTimeOffset VisibleAt { get; init; }
    public string? Group { get; init; }
}

/// <summary>Items visible now, and items not visible (leased or delayed).</summary>
public readonly record struct QueueCounts(long Visible, long Invisible)
{
    public long Total => Visible + Invisible;
}
