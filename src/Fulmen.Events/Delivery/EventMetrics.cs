using System.Diagnostics.Metrics;
using Fulmen.Functions.Async;

namespace Fulmen.Events.Delivery;

/// <summary>
/// Rules' (and schedules') deliveries as metrics on the <see cref="AsyncMetrics.MeterName"/> meter, one series per
/// source tagged <c>source</c> (the rule's ARN, which names its bus): what EventBridge reports as MatchedEvents,
/// Invocations, FailedInvocations, RetryInvocationAttempts, InvocationsSentToDLQ, InvocationsFailedToBeSentToDLQ and
/// dropped events. Observable: a scrape reads <see cref="DeliveryCounters.Snapshot"/>; senders only add to counters.
/// </summary>
public sealed class EventMetrics
{
    public EventMetrics(IMeterFactory meters, DeliveryCounters counters)
    {
        var meter = meters.Create(AsyncMetrics.MeterName);
        Counter(meter, counters, "matched", static c => c.Matched, "Events a rule matched (MatchedEvents).");
        Counter(meter, counters, "delivered", static c => c.Delivered, "Sends a target accepted (Invocations).");
        Counter(meter, counters, "failed", static c => c.Failed, "Sends that ended undelivered, dead-lettered or dropped (FailedInvocations).");
        Counter(meter, counters, "retried", static c => c.Retried, "Retries scheduled after a retryable failure (RetryInvocationAttempts).");
        Counter(meter, counters, "dead_lettered", static c => c.SentToDeadLetter, "Sends put in the target's dead-letter queue (InvocationsSentToDLQ).");
        Counter(meter, counters, "dead_letter_failed", static c => c.DeadLetterFailed, "Sends whose dead-letter queue does not exist (InvocationsFailedToBeSentToDLQ).");
        Counter(meter, counters, "dropped", static c => c.Dropped, "Sends that ended undelivered without a dead-letter queue.");
    }

    private static void Counter(Meter meter, DeliveryCounters counters, string name, Func<SourceCounts, long> value, string description) =>
        meter.CreateObservableCounter($"fulmen.events.{name}",
            () => counters.Snapshot().Select(s => new Measurement<long>(value(s.Counts), new KeyValuePair<string, object?>("source", s.Source))),
            "{event}", description);
}
