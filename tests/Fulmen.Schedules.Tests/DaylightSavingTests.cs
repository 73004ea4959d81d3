namespace Fulmen.Schedules.Tests;

/// <summary>EventBridge Scheduler's documented DST rules: a cron time in the spring-forward gap is skipped, a cron
/// time in the fall-back overlap runs once (at its first, daylight-time instant). 2026: New York springs forward on
/// 8 March (02:00→03:00) and falls back on 1 November (02:00→01:00); Berlin on 29 March (02:00→03:00) and
/// 25 October (03:00→02:00).</summary>
public sealed class DaylightSavingTests
{
    [Theory]
    // New York, spring: 02:30 does not exist on 8 March; the next run is 9 March 02:30 EDT.
    [InlineData("America/New_York", "cron(30 2 * * ? *)", "2026-03-07T17:00:00Z", "2026-03-09T06:30:00Z")]
    [InlineData("America/New_York", "cron(30 2 * * ? *)", "2026-03-07T07:00:00Z", "2026-03-07T07:30:00Z")]
    [InlineData("America/New_York", "cron(0 * * * ? *)", "2026-03-08T06:30:00Z", "2026-03-08T07:00:00Z")]
    [InlineData("America/New_York", "cron(15 2 8 3 ? 2026)", "2026-01-01T00:00:00Z", null)]
    // New York, fall: 01:30 happens twice on 1 November; it runs at the first (EDT) one only.
    [InlineData("America/New_York", "cron(30 1 * * ? *)", "2026-10-31T12:00:00Z", "2026-11-01T05:30:00Z")]
    [InlineData("America/New_York", "cron(30 1 * * ? *)", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z")]
    [InlineData("America/New_York", "cron(0/30 * * * ? *)", "2026-11-01T05:30:00Z", "2026-11-01T07:00:00Z")]
    [InlineData("America/New_York", "cron(0 * * * ? *)", "2026-11-01T04:30:00Z", "2026-11-01T05:00:00Z")]
    [InlineData("America/New_York", "cron(0 * * * ? *)", "2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z")]
    [InlineData("America/New_York", "cron(0 * * * ? *)", "2026-11-01T06:20:00Z", "2026-11-01T07:00:00Z")]
    // Outside the transitions the zone's offset applies: 09:00 EST, then 09:00 EDT.
    [InlineData("America/New_York", "cron(0 9 * * ? *)", "2026-03-04T12:00:00Z", "2026-03-04T14:00:00Z")]
    [InlineData("America/New_York", "cron(0 9 * * ? *)", "2026-03-08T12:00:00Z", "2026-03-08T13:00:00Z")]
    // Berlin, spring: 02:30 does not exist on 29 March.
    [InlineData("Europe/Berlin", "cron(30 2 * * ? *)", "2026-03-28T12:00:00Z", "2026-03-30T00:30:00Z")]
    [InlineData("Europe/Berlin", "cron(0/20 * * * ? *)", "2026-03-29T00:50:00Z", "2026-03-29T01:00:00Z")]
    // Berlin, fall: 02:30 happens twice on 25 October; it runs at the first (CEST) one only.
    [InlineData("Europe/Berlin", "cron(30 2 * * ? *)", "2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z")]
    [InlineData("Europe/Berlin", "cron(30 2 * * ? *)", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z")]
    [InlineData("Europe/Berlin", "cron(0 3 * * ? *)", "2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z")]
    // A zone without DST is a fixed offset.
    [InlineData("Asia/Tokyo", "cron(0 9 * * ? *)", "2026-03-04T09:30:00Z", "2026-03-05T00:00:00Z")]
    public void Cron_in_a_zone(string zone, string expression, string after, string? expected) =>
        Assert.Equal(At.OptionalInstant(expected), At.Schedule(expression).Next(At.Instant(after), At.Zone(zone)));

    [Theory]
    [InlineData("America/New_York", "at(2026-06-01T09:00:00)", "2026-06-01T13:00:00Z")]
    [InlineData("America/New_York", "at(2026-01-15T09:00:00)", "2026-01-15T14:00:00Z")]
    [InlineData("Europe/Berlin", "at(2026-06-01T09:00:00)", "2026-06-01T07:00:00Z")]
    [InlineData("UTC", "at(2026-06-01T09:00:00)", "2026-06-01T09:00:00Z")]
    // In the gap: read with the offset before the jump (02:30 EST is 03:30 EDT).
    [InlineData("America/New_York", "at(2026-03-08T02:30:00)", "2026-03-08T07:30:00Z")]
    // In the overlap: the first instant.
    [InlineData("America/New_York", "at(2026-11-01T01:30:00)", "2026-11-01T05:30:00Z")]
    public void At_is_wall_clock_time_in_the_zone(string zone, string expression, string expected)
    {
        var schedule = At.Schedule(expression);
        var instant = At.Instant(expected);
        Assert.Equal(instant, schedule.Next(At.Instant("2026-01-01T00:00:00Z"), At.Zone(zone)));
        Assert.Equal(instant, schedule.Next(instant.AddSeconds(-1), At.Zone(zone)));
        Assert.Null(schedule.Next(instant, At.Zone(zone))); // fires once
    }

    [Fact]
    public void Rate_days_are_24_hours_across_a_transition()
    {
        var rate = At.Schedule("rate(1 day)");
        var start = At.Instant("2026-03-07T14:00:00Z"); // 09:00 EST
        var next = rate.Next(start, At.Zone("America/New_York"), start, null);
        Assert.Equal(At.Instant("2026-03-08T14:00:00Z"), next); // 10:00 EDT
    }
}
