using System.Collections.Concurrent;

namespace Fulmen.Events.Delivery;

/// <summary>
/// What EventBridge reports as MatchedEvents, Invocations, FailedInvocations, InvocationsSentToDLQ… for this
/// process, per source (a rule's ARN, a schedule's), and the last deliveries for <c>fulmen events</c>. Counted per send,
/// never on a function's invoke path.
/// </summary>
public sealed class DeliveryCounters
{
    private const int RecentCapacity = 50;

    private readonly ConcurrentDictionary<string, SourceCounts> _sources = new(StringComparer.Ordinal);
    private readonly Queue<RecentDelivery> _recent = new();
    private readonly Lock _recentLock = new();
    private readonly TimeProvider _time;

    public DeliveryCounters(TimeProvider time) => _time = time;

    public long MatchedEvents => _sources.Values.Sum(s => s.Matched);

    public long Invocations => _sources.Values.Sum(s => s.Delivered);

    public long FailedInvocations => _sources.Values.Sum(s => s.Failed);

    public void Matched(string source) => For(source).AddMatched();

    public void Delivered(string source, string target)
    {
        For(source).AddDelivered();
        Remember(source, target, "delivered");
    }

    /// <summary>A send that ends undelivered (then dead-lettered or dropped).</summary>
    public void Failed(string source, string target, string? errorCode)
    {
        For(source).AddFailed();
        Remember(source, target, $"failed: {errorCode}");
    }

    public void Retried(string source) => For(source).AddRetried();

    public void SentToDeadLetter(string source) => For(source).AddSentToDeadLetter();

    public void DeadLetterFailed(string source) => For(source).AddDeadLetterFailed();

    public void Dropped(string source) => For(source).AddDropped();

    /// <summary>Every source's counts, by source.</summary>
    public IReadOnlyList<(string Source, SourceCounts Counts)> Snapshot() =>
        [.. _sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value))];

    /// <summary>The last deliveries (and failures), newest first.</summary>
    public IReadOnlyList<RecentDelivery> Recent()
    {
        lock (_recentLock)
        {
            return [.. _recent.Reverse()];
        }
    }

    private SourceCounts For(string source) => _sources.GetOrAdd(source, static _ => new SourceCounts());

    private void Remember(string source, string target, string result)
    {
        var delivery = new RecentDelivery(_time.GetUtcNow(), source, target, result);
        lock (_recentLock)
        {
            if (_recent.Count == RecentCapacity)
            {
                _recent.Dequeue();
            }
            _recent.Enqueue(delivery);
        }
    }
}

/// <summary>One source's counters.</summary>
public sealed class SourceCounts
{
    private long _matched;
    private long _delivered;
    private long _failed;
    private long _retried;
    private long _sentToDeadLetter;
    private long _deadLetterFailed;
    private long _dropped;

    public long Matched => Interlocked.Read(ref _matched);
    public long Delivered => Interlocked.Read(ref _delivered);
    public long Failed => Interlocked.Read(ref _failed);
    public long Retried => Interlocked.Read(ref _retried);
    public long SentToDeadLetter => Interlocked.Read(ref _sentToDeadLetter);
    public long DeadLetterFailed => Interlocked.Read(ref _deadLetterFailed);
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void AddMatched() => Interlocked.Increment(ref _matched);
    internal void AddDelivered() => Interlocked.Increment(ref _delivered);
    internal void AddFailed() => Interlocked.Increment(ref _failed);
    internal void AddRetried() => Interlocked.Increment(ref _retried);
    internal void AddSentToDeadLetter() => Interlocked.Increment(ref _sentToDeadLetter);
    internal void AddDeadLetterFailed() => Interlocked.Increment(ref _deadLetterFailed);
    internal void AddDropped() => Interlocked.Increment(ref _dropped);
}

/// <summary>One send's end: when, from which rule or schedule, to which target, and what came of it.</summary>
public sealed record RecentDelivery(DateTimeOffset Time, string Source, string Target, string Result);
