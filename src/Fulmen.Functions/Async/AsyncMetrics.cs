using System.Diagnostics.Metrics;

namespace Fulmen.Functions.Async;

/// <summary>
/// The asynchronous queue as metrics (meter <see cref="MeterName"/>), one series per function tagged
/// <c>function</c>. Every instrument is observable: it reads <see cref="AsyncScheduler.Snapshot"/> when a
/// collector asks, so the dispatch path records nothing and pays nothing. Queue depths are gauges; what
/// became of finished events only grows (since the server started), so those are counters.
/// </summary>
public sealed class AsyncMetrics
{
    public const string MeterName = "Fulmen";

    private const string Unit = "{event}";

    public AsyncMetrics(IMeterFactory meters, AsyncScheduler scheduler)
    {
        // The factory owns the meter and disposes it with the container.
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("fulmen.async.events.waiting", () => Read(scheduler, static s => s.Waiting), Unit,
            "Asynchronous events queued and ready to run.");
        meter.CreateObservableGauge("fulmen.async.events.in_flight", () => Read(scheduler, static s => s.InFlight), Unit,
            "Asynchronous events running now.");
        meter.CreateObservableGauge("fulmen.async.events.retrying", () => Read(scheduler, static s => s.Retrying), Unit,
            "Asynchronous events waiting for a retry or a back-off to pass.");
        meter.CreateObservableCounter("fulmen.async.events.succeeded", () => Read(scheduler, static s => s.Succeeded), Unit,
            "Asynchronous events that succeeded with no OnSuccess destination.");
        meter.CreateObservableCounter("fulmen.async.events.sent_on_success", () => Read(scheduler, static s => s.SentOnSuccess), Unit,
            "Asynchronous events that succeeded and were sent to their OnSuccess destination.");
        meter.CreateObservableCounter("fulmen.async.events.sent_on_failure", () => Read(scheduler, static s => s.SentOnFailure), Unit,
            "Asynchronous events that failed and were sent to their OnFailure destination.");
        meter.CreateObservableCounter("fulmen.async.events.dropped", () => Read(scheduler, static s => s.Dropped), Unit,
            "Asynchronous events given up on (retries exhausted, too old, function deleted) that no OnFailure destination took.");
    }

    private static IEnumerable<Measurement<long>> Read(AsyncScheduler scheduler, Func<AsyncQueueStatus, long> value) =>
        scheduler.Snapshot().Select(status => new Measurement<long>(value(status), new KeyValuePair<string, object?>("function", status.FunctionName)));
}
