using System.Globalization;

namespace Fulmen.Functions.EventSources.Metrics;

/// <summary>
/// What one mapping did since the server started, counted by its pollers with interlocked adds (no lock, no
/// allocation per batch). The counts outlive a poller restarted by a settings change; they go with the mapping.
/// Names follow AWS's EventCount metrics (<c>PolledEventCount</c>, …).
/// </summary>
public sealed class MappingCounters(string uuid, string functionName)
{
    private long _polled;
    private long _filteredOut;
    private long _invoked;
    private long _failedInvoke;
    private long _deleted;
    private readonly Lock _sourceLock = new();
    private long _deadLettered;
    private IEventSource? _source;
    private long _oldestAgeMilliseconds;
    private int _inFlight;

    public string Uuid { get; } = uuid;

    /// <summary>The function the mapping invokes now (a mapping's function can change on Update).</summary>
    public string FunctionName { get; internal set; } = functionName;

    /// <summary>
    /// A batch (records and filtered-out ones) came from the source. The age of its oldest record (now minus the
    /// record's <c>SentTimestamp</c>) becomes the mapping's oldest-message age; a receive that found nothing sets 0.
    /// </summary>
    public void Polled(IReadOnlyList<SourceRecord> records, IReadOnlyList<SourceRecord> rejected, DateTimeOffset now)
    {
        var count = records.Count + rejected.Count;
        if (count == 0)
        {
            Interlocked.Exchange(ref _oldestAgeMilliseconds, 0);
            return;
        }
        Interlocked.Add(ref _polled, count);
        if (rejected.Count > 0)
        {
            Interlocked.Add(ref _filteredOut, rejected.Count);
        }
        var oldest = long.MaxValue;
        Oldest(records, ref oldest);
        Oldest(rejected, ref oldest);
        if (oldest != long.MaxValue)
        {
            Interlocked.Exchange(ref _oldestAgeMilliseconds, Math.Max(0, now.ToUnixTimeMilliseconds() - oldest));
        }
    }

    public void Invoking() => Interlocked.Increment(ref _inFlight);

    /// <summary>An invoke ended: <paramref name="invoked"/> records reached the function (0 when throttled), <paramref name="failed"/> of them failed.</summary>
    public void Invoked(int invoked, int failed, int deleted)
    {
        Interlocked.Decrement(ref _inFlight);
        Interlocked.Add(ref _invoked, invoked);
        Interlocked.Add(ref _failedInvoke, failed);
        Interlocked.Add(ref _deleted, deleted);
    }

    /// <summary>
    /// The source a poller opened: what it moved to its dead-letter queue (<see cref="IEventSource.DeadLettered"/>)
    /// is read live at each snapshot, so a scrape sees a move as soon as it happened, not when the long poll ends.
    /// </summary>
    public void Attach(IEventSource source)
    {
        lock (_sourceLock)
        {
            _source = source;
        }
    }

    /// <summary>The poller stopped: its source's count is kept.</summary>
    public void Detach(IEventSource source)
    {
        lock (_sourceLock)
        {
            if (ReferenceEquals(_source, source))
            {
                _deadLettered += source.DeadLettered;
                _source = null;
            }
        }
    }

    private long DeadLetteredNow()
    {
        lock (_sourceLock)
        {
            return _deadLettered + (_source?.DeadLettered ?? 0);
        }
    }

    public MappingStatus Snapshot() => new(Uuid, FunctionName)
    {
        InFlight = Volatile.Read(ref _inFlight),
        PolledEventCount = Interlocked.Read(ref _polled),
        FilteredOutEventCount = Interlocked.Read(ref _filteredOut),
        InvokedEventCount = Interlocked.Read(ref _invoked),
        FailedInvokeEventCount = Interlocked.Read(ref _failedInvoke),
        DeletedEventCount = Interlocked.Read(ref _deleted),
        DeadLetteredEventCount = DeadLetteredNow(),
        OldestMessageAgeSeconds = Interlocked.Read(ref _oldestAgeMilliseconds) / 1000.0,
    };

    private static void Oldest(IReadOnlyList<SourceRecord> records, ref long oldest)
    {
        foreach (var record in records)
        {
            if (record.Attributes.TryGetValue("SentTimestamp", out var sent)
                && long.TryParse(sent, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at < oldest)
            {
                oldest = at;
            }
        }
    }
}

/// <summary>One mapping's counts as <c>GET /_fulmen/mappings</c> and <c>fulmen mappings --json</c> show them.</summary>
public sealed record MappingStatus(string UUID, string FunctionName)
{
    /// <summary>Batches being invoked now.</summary>
    public int InFlight { get; init; }
    /// <summary>Records received from the source (filtered-out ones included).</summary>
    public long PolledEventCount { get; init; }
    /// <summary>Records no filter accepted: deleted without invoking.</summary>
    public long FilteredOutEventCount { get; init; }
    /// <summary>Records the function was invoked with (a throttled invoke counts none).</summary>
    public long InvokedEventCount { get; init; }
    /// <summary>Records of failed invokes, and those a partial batch response named.</summary>
    public long FailedInvokeEventCount { get; init; }
    /// <summary>Records deleted after the function handled them.</summary>
    public long DeletedEventCount { get; init; }
    /// <summary>Records the source's redrive policy moved to its dead-letter queue on this mapping's receives.</summary>
    public long DeadLetteredEventCount { get; init; }
    /// <summary>Age of the oldest record of the last batch received (0 once a receive finds nothing).</summary>
    public double OldestMessageAgeSeconds { get; init; }
}
