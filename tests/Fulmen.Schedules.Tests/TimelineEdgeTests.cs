namespace Fulmen.Schedules.Tests;

/// <summary>The ends of the timeline answer, never throw.</summary>
public sealed class TimelineEdgeTests
{
    [Theory]
    [InlineData("cron(0 0 1 1 ? *)", "America/New_York", "1970-01-01T05:00:00Z")]
    [InlineData("cron(0 0 1 1 ? *)", "Pacific/Kiritimati", "1970-01-01T10:40:00Z")] // then UTC-10:40
    [InlineData("cron(0 10 * * ? *)", "UTC", "1970-01-01T10:00:00Z")]
    public void From_the_earliest_instant(string expression, string zone, string expected) =>
        Assert.Equal(At.Instant(expected), At.Schedule(expression).Next(DateTimeOffset.MinValue, At.Zone(zone)));

    [Theory]
    [InlineData("cron(0 10 * * ? *)", "America/New_York")]
    [InlineData("cron(0 10 * * ? *)", "Pacific/Kiritimati")]
    [InlineData("rate(7 days)", "UTC")]
    [InlineData("at(2026-06-01T09:00:00)", "Europe/Berlin")]
    public void From_the_latest_instant(string expression, string zone)
    {
        Assert.Null(At.Schedule(expression).Next(DateTimeOffset.MaxValue, At.Zone(zone)));
        Assert.Null(At.Schedule(expression).Next(DateTimeOffset.MaxValue, At.Zone(zone), null, null));
    }

    [Fact]
    public void A_cron_ends_with_its_last_year()
    {
        var schedule = At.Schedule("cron(59 23 31 12 ? *)");
        Assert.Equal(At.Instant("2199-12-31T23:59:00Z"), schedule.Next(At.Instant("2199-06-01T00:00:00Z"), TimeZoneInfo.Utc));
        Assert.Null(schedule.Next(At.Instant("2199-12-31T23:59:00Z"), TimeZoneInfo.Utc));
        Assert.Null(schedule.Next(At.Instant("2300-01-01T00:00:00Z"), TimeZoneInfo.Utc));
    }
}

/// <summary>A one-time schedule at the calendar's ends answers without throwing.</summary>
public sealed class OneTimeEdgeTests
{
    [Theory]
    [InlineData("at(9999-12-31T23:00:00)", "America/New_York")]
    [InlineData("at(0001-01-01T00:30:00)", "Asia/Tokyo")]
    public void Off_the_timeline_is_null(string expression, string zone) =>
        Assert.Null(At.Schedule(expression).Next(DateTimeOffset.MinValue, At.Zone(zone)));

    [Fact]
    public void At_the_calendar_end_in_utc() =>
        Assert.Equal(At.Instant("9999-12-31T23:00:00Z"),
            At.Schedule("at(9999-12-31T23:00:00)").Next(DateTimeOffset.MinValue, TimeZoneInfo.Utc));
}
