namespace Fulmen.Functions.EventSources;

/// <summary>
/// One source a mapping reads from, as the mapping engine sees it: a queue today, streams later. The engine
/// batches, filters, invokes and applies the failure rules; the adapter only moves records. Implementations are
/// used by several poller workers at once.
/// </summary>
public interface IEventSource : IAsyncDisposable
{
    /// <summary>
    /// Up to <paramref name="maxRecords"/> records, returning as soon as any are available or after
    /// <paramref name="wait"/> with none (a long poll). Received records stay in the source, hidden until acknowledged
    /// or given back.
    /// </summary>
    ValueTask<IReadOnlyList<SourceRecord>> ReceiveAsync(int maxRecords, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>The records were handled (or filtered out): remove them from the source.</summary>
    ValueTask AcknowledgeAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken);

    /// <summary>The records were not handled: make them visible again after <paramref name="delay"/>.</summary>
    ValueTask ReturnAsync(IReadOnlyList<SourceRecord> records, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>The source's own settings the engine must respect (e.g. the queue's visibility timeout).</summary>
    ValueTask<SourceAttributes> GetAttributesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Records the source itself moved to its dead-letter queue while receiving for this mapping (a queue's redrive
    /// policy), since it was opened; only counted, the engine never sees them.
    /// </summary>
    long DeadLettered => 0;
}

/// <summary>What a source says about itself.</summary>
public sealed record SourceAttributes(TimeSpan VisibilityTimeout, bool IsFifo = false);
