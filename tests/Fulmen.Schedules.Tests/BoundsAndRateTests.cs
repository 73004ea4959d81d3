namespace Fulmen.Schedules.Tests;

/// <summary>Scheduler's StartDate (inclusive) and EndDate (exclusive), ignored by at(); rates anchored at the rule's
/// creation or the schedule's start, strictly after the given instant.</summary>
public sealed class BoundsAndRateTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    [Theory]
    [InlineData("2026-03-04T09:31:10Z", "2026-03-04T09:35:00Z")]
    [InlineData("2026-03-04T09:35:00Z", "2026-03-04T09:40:00Z")]
    [InlineData("2026-03-04T08:00:00Z", "2026-03-04T09:00:00Z")]
    [InlineData("2026-03-04T09:00:00Z", "2026-03-04T09:05:00Z")]
    [InlineData("2026-04-04T09:02:00Z", "2026-04-04T09:05:00Z")]
    public void Rule_rate_counts_from_its_anchor(string after, string expected)
    {
        var anchor = At.Instant("2026-03-04T09:00:00Z");
        Assert.Equal(At.Instant(expected), At.Rule("rate(5 minutes)").Next(At.Instant(after), anchor));
    }

    [Fact]
    public void Rule_rate_anchor_keeps_its_seconds()
    {
        var anchor = At.Instant("2026-03-01T09:00:42Z");
        Assert.Equal(At.Instant("2026-03-05T09:00:42Z"), At.Rule("rate(1 day)").Next(At.Instant("2026-03-04T10:00:00Z"), anchor));
        Assert.Equal(At.Instant("2026-03-04T11:00:42Z"), At.Rule("rate(1 hour)").Next(At.Instant("2026-03-04T10:00:42Z"), anchor));
    }

    [Fact]
    public void Rule_cron_ignores_the_anchor_and_runs_in_utc()
    {
        var next = At.Rule("cron(0 10 * * ? *)").Next(At.Instant("2026-03-04T09:30:00Z"), At.Instant("2020-01-01T00:00:07Z"));
        Assert.Equal(At.Instant("2026-03-04T10:00:00Z"), next);
    }

    [Theory]
    [InlineData("2026-03-04T09:30:00Z", "2026-03-10T10:00:00Z", null, "2026-03-10T10:00:00Z")]
    [InlineData("2026-03-10T10:00:00Z", "2026-03-10T10:00:00Z", null, "2026-03-11T10:00:00Z")]
    [InlineData("2026-03-10T10:00:00Z", "2026-03-10T09:00:00Z", "2026-03-12T10:00:00Z", "2026-03-11T10:00:00Z")]
    [InlineData("2026-03-11T10:00:00Z", "2026-03-10T09:00:00Z", "2026-03-12T10:00:00Z", null)]
    [InlineData("2026-03-11T10:00:00Z", null, "2026-03-12T10:00:01Z", "2026-03-12T10:00:00Z")]
    [InlineData("2026-03-04T09:30:00Z", null, "2026-03-01T00:00:00Z", null)]
    public void Cron_between_start_and_end(string after, string? start, string? end, string? expected)
    {
        var next = At.Schedule("cron(0 10 * * ? *)").Next(At.Instant(after), Utc, At.OptionalInstant(start), At.OptionalInstant(end));
        Assert.Equal(At.OptionalInstant(expected), next);
    }

    [Theory]
    [InlineData("2026-03-04T07:00:00Z", "2026-03-04T08:15:00Z")]
    [InlineData("2026-03-04T08:15:00Z", "2026-03-04T10:15:00Z")]
    [InlineData("2026-03-04T09:30:00Z", "2026-03-04T10:15:00Z")]
    [InlineData("2026-03-04T13:00:00Z", null)]
    public void Scheduler_rate_runs_from_its_start(string after, string? expected)
    {
        var start = At.Instant("2026-03-04T08:15:00Z");
        var end = At.Instant("2026-03-04T12:15:00Z");
        var next = At.Schedule("rate(2 hours)").Next(At.Instant(after), Utc, start, end);
        Assert.Equal(At.OptionalInstant(expected), next);
    }

    [Fact]
    public void Scheduler_rate_without_start_runs_from_its_creation()
    {
        var created = At.Instant("2026-03-04T08:01:30Z");
        var rate = At.Schedule("rate(10 minutes)");
        Assert.Equal(created, rate.Next(created.AddTicks(-1), Utc, null, null, created));
        Assert.Equal(At.Instant("2026-03-04T08:31:30Z"), rate.Next(At.Instant("2026-03-04T08:30:00Z"), Utc, null, null, created));
    }

    [Fact]
    public void At_ignores_start_and_end()
    {
        var at = At.Schedule("at(2026-06-01T09:00:00)");
        var next = at.Next(At.Instant("2026-01-01T00:00:00Z"), Utc, At.Instant("2026-07-01T00:00:00Z"), At.Instant("2026-02-01T00:00:00Z"));
        Assert.Equal(At.Instant("2026-06-01T09:00:00Z"), next);
    }

    [Fact]
    public void Next_walks_a_schedule_forward()
    {
        var cron = At.Schedule("cron(0/20 9-10 ? * MON-FRI *)");
        var zone = At.Zone("Europe/Berlin");
        var seen = new List<DateTimeOffset>();
        var at = At.Instant("2026-03-06T09:00:00Z"); // Friday 10:00 CET
        for (var i = 0; i < 5; i++)
        {
            at = cron.Next(at, zone)!.Value;
            seen.Add(at);
        }

        Assert.Equal(
            [At.Instant("2026-03-06T09:20:00Z"), At.Instant("2026-03-06T09:40:00Z"), At.Instant("2026-03-09T08:00:00Z"),
             At.Instant("2026-03-09T08:20:00Z"), At.Instant("2026-03-09T08:40:00Z")],
            seen);
    }
}
