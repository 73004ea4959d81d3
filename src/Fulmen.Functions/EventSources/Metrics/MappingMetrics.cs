using System.Diagnostics.Metrics;
using Fulmen.Functions.Async;

namespace Fulmen.Functions.EventSources.Metrics;

/// <summary>
/// The event source mappings as metrics on the <see cref="AsyncMetrics.MeterName"/> meter, one series per mapping
/// tagged <c>mapping</c> (the UUID) and <c>function</c>. Observable like <see cref="AsyncMetrics"/>: a collector reads
/// <see cref="MappingStatistics.Snapshot"/>, so pollers only add to their counters. Counts since the server started.
/// </summary>
public sealed class MappingMetrics
{
    private const string Unit = "{event}";

    public MappingMetrics(IMeterFactory meters, MappingStatistics statistics)
    {
        var meter = meters.Create(AsyncMetrics.MeterName);
        Counter(meter, statistics, "polled", static s => s.PolledEventCount, "Records received from the source (AWS's PolledEventCount).");
        Counter(meter, statistics, "filtered_out", static s => s.FilteredOutEventCount, "Records no filter accepted, deleted unseen (FilteredOutEventCount).");
        Counter(meter, statistics, "invoked", static s => s.InvokedEventCount, "Records the function was invoked with (InvokedEventCount).");
        Counter(meter, statistics, "failed_invoke", static s => s.FailedInvokeEventCount, "Records of failed invokes or named by a partial batch response (FailedInvokeEventCount).");
        Counter(meter, statistics, "deleted", static s => s.DeletedEventCount, "Records deleted after the function handled them (DeletedEventCount).");
        Counter(meter, statistics, "dead_lettered", static s => s.DeadLetteredEventCount, "Records the queue's redrive policy moved to its dead-letter queue on this mapping's receives.");
        meter.CreateObservableGauge("fulmen.mapping.batches.in_flight",
            () => statistics.Snapshot().Select(s => new Measurement<long>(s.InFlight, Tags(s))), "{batch}", "Batches being invoked now.");
        meter.CreateObservableGauge("fulmen.mapping.oldest_record_age",
            () => statistics.Snapshot().Select(s => new Measurement<double>(s.OldestMessageAgeSeconds, Tags(s))), "s",
            "Age of the oldest record in the last batch received; 0 once a receive finds nothing.");
    }

    private static void Counter(Meter meter, MappingStatistics statistics, string name, Func<MappingStatus, long> value, string description) =>
        meter.CreateObservableCounter($"fulmen.mapping.events.{name}",
            () => statistics.Snapshot().Select(s => new Measurement<long>(value(s), Tags(s))), Unit, description);

    private static KeyValuePair<string, object?>[] Tags(MappingStatus status) =>
        [new("mapping", status.UUID), new("function", status.FunctionName)];
}
