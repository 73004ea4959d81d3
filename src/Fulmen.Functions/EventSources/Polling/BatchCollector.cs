namespace Fulmen.Functions.EventSources.Polling;

/// <summary>When a batch is complete: <see cref="BatchSize"/> records, the window's end, or the invoke payload limit.</summary>
public sealed record BatchLimits(int BatchSize, TimeSpan Window)
{
    /// <summary>Lambda's synchronous invoke payload limit: a batch never makes an event larger than this.</summary>
    public const int MaxPayloadBytes = 6 * 1024 * 1024;

    /// <summary>How long one receive waits when nothing is there yet: SQS's longest long poll.</summary>
    public static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(20);

    public int PayloadLimit { get; init; } = MaxPayloadBytes;
}

/// <summary>A collected batch: the records to invoke with (and their JSON), the ones the filters rejected, and any that did not fit.</summary>
public sealed record CollectedBatch(IReadOnlyList<SourceRecord> Records, IReadOnlyList<byte[]> Json, IReadOnlyList<SourceRecord> Rejected, IReadOnlyList<SourceRecord> Overflow)
{
    public bool IsEmpty => Records.Count == 0;
}

/// <summary>
/// Gathers one batch as Lambda does for SQS: long-poll until records come; with a window of 0 the first non-empty
/// receive is the batch, otherwise keep receiving until the batch is full or the window (counted from the start of
/// the collection, i.e. after the previous invoke) has passed. Records the filters reject are set aside to be deleted;
/// a record that would push the event past 6 MB ends the batch and is given back.
/// </summary>
public static class BatchCollector
{
    public static async Task<CollectedBatch> CollectAsync(
        IEventSource source, BatchLimits limits, Func<SourceRecord, bool> accept, Func<SourceRecord, byte[]> render,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var records = new List<SourceRecord>();
        var json = new List<byte[]>();
        var rejected = new List<SourceRecord>();
        var overflow = new List<SourceRecord>();
        var bytes = 0;
        var deadline = time.GetUtcNow() + limits.Window;
        while (records.Count < limits.BatchSize && overflow.Count == 0)
        {
            var left = deadline - time.GetUtcNow();
            TimeSpan wait;
            if (records.Count == 0)
            {
                // Nothing yet: wait for the window's rest, or a long poll once it has passed with nothing to send.
                wait = left > TimeSpan.Zero ? left : BatchLimits.LongPoll;
            }
            else if (limits.Window == TimeSpan.Zero || left <= TimeSpan.Zero)
            {
                break;
            }
            else
            {
                wait = left;
            }
            var received = await source.ReceiveAsync(limits.BatchSize - records.Count, wait, cancellationToken);
            foreach (var record in received)
            {
                if (overflow.Count > 0)
                {
                    overflow.Add(record);
                    continue;
                }
                if (!accept(record))
                {
                    rejected.Add(record);
                    continue;
                }
                var rendered = render(record);
                var size = bytes + rendered.Length + Sqs.SqsEvent.Overhead(records.Count + 1);
                if (records.Count > 0 && size > limits.PayloadLimit)
                {
                    overflow.Add(record);
                    continue;
                }
                records.Add(record);
                json.Add(rendered);
                bytes += rendered.Length;
            }
            if (records.Count == 0 && (rejected.Count > 0 || overflow.Count > 0))
            {
                // Only filtered-out records so far: hand them back to be deleted rather than hold them for the window.
                break;
            }
        }
        return new CollectedBatch(records, json, rejected, overflow);
    }
}
