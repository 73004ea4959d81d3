namespace Fulmen.Schedules.Tests;

/// <summary>A firing engine computes Next for thousands of schedules: outside the yearly overlap hour it must not
/// allocate.</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData("cron(0/5 8-17 ? * MON-FRI *)", "America/New_York")]
    [InlineData("cron(30 2 * * ? 2026-2030)", "Europe/Berlin")]
    [InlineData("cron(0 9 ? * 2#1 *)", "UTC")]
    [InlineData("rate(5 minutes)", "UTC")]
    [InlineData("at(2026-06-01T09:00:00)", "Asia/Tokyo")]
    public void Next_does_not_allocate(string expression, string zoneId)
    {
        var schedule = At.Schedule(expression);
        var zone = At.Zone(zoneId);
        var start = At.Instant("2026-03-01T00:00:00Z");
        var end = At.Instant("2027-01-01T00:00:00Z");
        var after = At.Instant("2026-03-04T09:30:00Z");
        schedule.Next(after, zone, start, end); // warm up the zone's caches

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            after = schedule.Next(after, zone, start, end) ?? after.AddDays(1);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
