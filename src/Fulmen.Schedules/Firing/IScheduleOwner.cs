namespace Fulmen.Schedules.Firing;

/// <summary>
/// A service whose records carry schedules: EventBridge rules with a <c>ScheduleExpression</c>, Scheduler schedules.
/// The schedule engine asks each owner for its schedules, keeps the next fire time of each, and calls
/// <see cref="FireAsync"/> at that time under a lease, so that one node fires each tick once.
/// </summary>
public interface IScheduleOwner
{
    /// <summary>Short, stable name that prefixes this owner's schedules in storage and metrics ("rule", "scheduler").</summary>
    string Name { get; }

    /// <summary>Every schedule of this owner that should fire now (the enabled ones).</summary>
    IEnumerable<ScheduleEntry> Schedules();

    /// <summary>Fires one tick and returns once what it sent is durable (or dropped and counted, as AWS would).</summary>
    Task FireAsync(ScheduleEntry entry, ScheduleTick tick, CancellationToken cancellationToken);
}

/// <summary>
/// One schedule as the engine sees it. <paramref name="Version"/> changes whenever the owner changes the schedule, so
/// the engine recomputes its next time; <paramref name="RateAnchor"/> is when a <c>rate(…)</c> counts from.
/// </summary>
public sealed record ScheduleEntry(
    string Id,
    ScheduleExpression Expression,
    TimeZoneInfo Zone,
    DateTimeOffset? StartDate,
    DateTimeOffset? EndDate,
    DateTimeOffset RateAnchor,
    TimeSpan FlexibleWindow,
    string Version);

/// <summary>The instant a tick was due, and whether the schedule has no tick after it (one-time, or past its end date).</summary>
public readonly record struct ScheduleTick(DateTimeOffset ScheduledTime, bool IsLast);

/// <summary>What an owner calls after it created, changed or deleted schedules, so the engine re-reads them without polling.</summary>
public interface IScheduleChanges
{
    void Changed(string owner);
}
