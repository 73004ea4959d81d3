using Fulmen.Schedules.Evaluation;

namespace Fulmen.Schedules;

/// <summary>Occurrences. Every <c>Next</c> answers the first occurrence strictly after <c>after</c>, or null when
/// none is left (a one-time schedule that has passed, a cron whose years ran out, an end bound reached).</summary>
public sealed partial class ScheduleExpression
{
    private static readonly DateTimeOffset EarliestCron = new(1969, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestCron = new(2200, 2, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A cron or one-time expression in <paramref name="zone"/>. A rate runs from the Unix epoch here; use
    /// an overload with an anchor to run it from the rule's or schedule's creation as AWS does.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone) =>
        Next(after, zone, DateTimeOffset.UnixEpoch);

    /// <summary>An EventBridge rule: cron in UTC; a rate at <paramref name="anchor"/> + k·period (k ≥ 0), where the
    /// anchor is the rule's creation time.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, DateTimeOffset anchor) => Next(after, TimeZoneInfo.Utc, anchor);

    /// <summary>A Scheduler schedule with its <c>StartDate</c> and <c>EndDate</c>: occurrences on or after
    /// <paramref name="start"/> and before <paramref name="end"/> (both ignored by <c>at()</c>, as AWS does). A rate
    /// runs from <paramref name="start"/>, else from the Unix epoch: pass the creation time as start when there is
    /// none, or use the overload with an anchor.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone, DateTimeOffset? start, DateTimeOffset? end) =>
        Next(after, zone, start, end, DateTimeOffset.UnixEpoch);

    /// <summary>As the bounded overload; a rate with no <paramref name="start"/> runs from <paramref name="rateAnchor"/>
    /// (the schedule's creation: AWS starts such a schedule at once).</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone, DateTimeOffset? start, DateTimeOffset? end,
        DateTimeOffset rateAnchor)
    {
        if (Kind == ScheduleKind.At)
        {
            return Next(after, zone, rateAnchor);
        }

        // Start is inclusive: search from just before it.
        var from = start is { } s && s > after ? s.AddTicks(-1) : after;
        var next = Next(from, zone, start ?? rateAnchor);
        return next is { } found && end is { } e && found >= e ? null : next;
    }

    private DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone, DateTimeOffset anchor)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Kind switch
        {
            ScheduleKind.Rate => NextRate(after, anchor),
            ScheduleKind.At => ZoneClock.OneTimeInstant(AtWallClock, zone) is { } at && at > after ? at : null,
            _ => NextCron(after, zone),
        };
    }

    private DateTimeOffset? NextRate(DateTimeOffset after, DateTimeOffset anchor)
    {
        if (anchor > after)
        {
            return anchor;
        }

        var periods = ((after.UtcTicks - anchor.UtcTicks) / Period.Ticks) + 1;
        var ticks = anchor.UtcTicks + (periods * Period.Ticks);
        return ticks <= DateTimeOffset.MaxValue.UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    private DateTimeOffset? NextCron(DateTimeOffset after, TimeZoneInfo zone)
    {
        // No cron time exists outside the year field's 1970–2199; clamping keeps the zone arithmetic in range.
        if (after >= LatestCron)
        {
            return null;
        }

        var wallClock = ZoneClock.WallClock(after < EarliestCron ? EarliestCron : after, zone);
        while (_cron!.NextWallClock(wallClock) is { } candidate)
        {
            // A skipped time yields null; after a fall-back, a wall time just past ours may name an earlier instant.
            if (ZoneClock.Instant(candidate, zone) is { } instant && instant > after)
            {
                return instant;
            }

            wallClock = candidate;
        }

        return null;
    }
}
