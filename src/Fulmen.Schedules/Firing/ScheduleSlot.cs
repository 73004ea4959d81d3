namespace Fulmen.Schedules.Firing;

/// <summary>
/// One schedule inside the engine: its entry, durable state and next tick. Only the engine's loop changes it (under
/// the engine's lock, so a listing reads whole values); <see cref="Generation"/> tells a queued tick that was planned
/// before the schedule changed from the current one.
/// </summary>
internal sealed class ScheduleSlot(IScheduleOwner owner, ScheduleEntry entry)
{
    public IScheduleOwner Owner { get; } = owner;

    public ScheduleEntry Entry { get; set; } = entry;

    public int Generation { get; set; }

    /// <summary>The durable state of this schedule's current version; null before its first tick.</summary>
    public ScheduleState? State { get; set; }

    /// <summary>The scheduled time of the next tick; null when none is left (or before the lease is held).</summary>
    public DateTimeOffset? Due { get; set; }

    /// <summary>When the next tick fires: <see cref="Due"/>, plus the flexible window's random offset.</summary>
    public DateTimeOffset FireAt { get; set; }

    /// <summary>Set when the first tick planned was due already (in flight at a crash, or a missed one-time tick): the
    /// tick after it is the next one after now, as after any restart, not a catch-up of what passed meanwhile.</summary>
    public bool Resumed { get; set; }

    /// <summary>
    /// The first tick after a start, a takeover or a change: the tick in flight at a crash again; a one-time schedule
    /// not yet fired, even when its time passed (it fires at once); otherwise the next tick strictly after now, so
    /// ticks missed while nobody fired are not replayed as a burst.
    /// </summary>
    public DateTimeOffset? FirstTick(DateTimeOffset now)
    {
        var state = State?.Version == Entry.Version ? State : null;
        if (Entry.Expression.Kind == ScheduleKind.At)
        {
            return state?.LastFired is not null ? null : Next(DateTimeOffset.MinValue);
        }
        if (state?.Pending is { } pending && (state.LastFired is not { } last || pending > last))
        {
            return pending.ToUniversalTime();
        }
        var after = now.AddTicks(-1); // a tick due exactly now has not fired yet
        return Next(state?.LastFired is { } fired && fired > after ? fired : after);
    }

    /// <summary>The next tick strictly after <paramref name="after"/>, in UTC (the zone's offset is not the engine's business).</summary>
    public DateTimeOffset? Next(DateTimeOffset after) =>
        Entry.Expression.Next(after, Entry.Zone, Entry.StartDate, Entry.EndDate, Entry.RateAnchor)?.ToUniversalTime();

    /// <summary>Plans <paramref name="due"/>: the fire time is within the flexible window after it, at random.</summary>
    public void Plan(DateTimeOffset? due, bool flexible)
    {
        Due = due;
        var window = Entry.FlexibleWindow;
        FireAt = due is { } at
            ? flexible && window > TimeSpan.Zero ? at + TimeSpan.FromTicks(Random.Shared.NextInt64(window.Ticks + 1)) : at
            : DateTimeOffset.MaxValue;
        Generation++;
    }
}
