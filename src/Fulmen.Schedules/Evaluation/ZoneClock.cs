namespace Fulmen.Schedules.Evaluation;

/// <summary>Maps between instants and a zone's wall clock with EventBridge Scheduler's documented daylight-saving
/// rules: a wall-clock time the spring-forward gap skips does not occur (the invocation is skipped), and a time the
/// fall-back overlap repeats occurs once, at its first (daylight) instant. Cronos's own zone handling differs (it
/// fires skipped times at the jump and interval expressions twice in the overlap), so evaluation runs Cronos on
/// wall-clock times and applies these rules here.</summary>
internal static class ZoneClock
{
    /// <summary>The wall-clock time at <paramref name="instant"/>, as a UTC-kind value for Cronos.</summary>
    public static DateTime WallClock(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var utc = instant.UtcDateTime;
        return ReferenceEquals(zone, TimeZoneInfo.Utc) ? utc : utc + zone.GetUtcOffset(utc);
    }

    /// <summary>The instant a wall-clock time names under AWS's rules, or null when the zone skips it.</summary>
    public static DateTimeOffset? Instant(DateTime wallClock, TimeZoneInfo zone)
    {
        if (ReferenceEquals(zone, TimeZoneInfo.Utc))
        {
            return new DateTimeOffset(wallClock.Ticks, TimeSpan.Zero);
        }

        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        return new DateTimeOffset(local, zone.IsAmbiguousTime(local) ? Earliest(local, zone) : zone.GetUtcOffset(local));
    }

    /// <summary>The instant for a one-time wall-clock time: a skipped time is read with the offset before the jump,
    /// so it lands as far past the jump as it was into the gap (02:30 on a 02:00→03:00 night fires at 03:30). Null
    /// only when the time, read in the zone, falls off the ends of the timeline (years 1 and 9999).</summary>
    public static DateTimeOffset? OneTimeInstant(DateTime wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (local.Year is <= 1 or >= 9999)
        {
            var offset = zone.BaseUtcOffset;
            var ticks = local.Ticks - offset.Ticks;
            return ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks ? new DateTimeOffset(local, offset) : null;
        }

        if (Instant(wallClock, zone) is { } instant)
        {
            return instant;
        }

        var before = zone.GetUtcOffset(DateTime.SpecifyKind(local - zone.BaseUtcOffset - TimeSpan.FromHours(3), DateTimeKind.Utc));
        return new DateTimeOffset(local, before);
    }

    // The larger offset is the daylight one, whose instant comes first. Allocates one small array, and only for a
    // time inside the yearly overlap hour.
    private static TimeSpan Earliest(DateTime local, TimeZoneInfo zone)
    {
        var largest = TimeSpan.MinValue;
        foreach (var offset in zone.GetAmbiguousTimeOffsets(local))
        {
            largest = offset > largest ? offset : largest;
        }

        return largest;
    }
}
