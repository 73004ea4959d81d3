using Fulmen.Schedules.Firing;

namespace Fulmen.Schedules.Tests.Firing;

/// <summary>
/// What the engine keeps across a restart (a new engine over the same store): a recurring schedule resumes at its next
/// tick after now instead of replaying what it missed, a one-time schedule missed while down fires once and never
/// again, and a tick in flight when the engine stopped fires again (at least once).
/// </summary>
public sealed class EngineRestartTests
{
    [Fact]
    public async Task Recurring_RestartAfterDowntime_ResumesAtNextTickWithoutBurst()
    {
        await using var harness = new EngineHarness(At.Instant("2026-03-08T09:59:30Z"));
        var owner = new RecordingOwner("test", harness.Time) { Entries = [RecordingOwner.Entry("minutely", "rate(1 minute)", ScheduleDialect.Scheduler)] };
        await harness.StartAsync([owner]);
        await harness.WaitPlannedAsync(1);
        for (var i = 0; i < 3; i++)
        {
            await harness.StepAsync(owner);
        }
        await harness.WaitSettledAsync();
        await harness.StopAsync();

        harness.Time.SetUtcNow(At.Instant("2026-03-08T10:12:30Z")); // ten ticks pass while nothing runs
        var after = new RecordingOwner("test", harness.Time) { Entries = owner.Entries };
        await harness.StartAsync([after]);
        await harness.WaitPlannedAsync(1);
        await harness.StepAsync(after);
        await harness.StepAsync(after);

        Assert.Equal([At.Instant("2026-03-08T10:00:00Z"), At.Instant("2026-03-08T10:01:00Z"), At.Instant("2026-03-08T10:02:00Z")],
            owner.Fires.Select(f => f.Scheduled));
        Assert.Equal([At.Instant("2026-03-08T10:13:00Z"), At.Instant("2026-03-08T10:14:00Z")], after.Fires.Select(f => f.Scheduled));
    }

    [Fact]
    public async Task OneTime_MissedWhileDown_FiresOnceAtStartAndNeverAgain()
    {
        await using var harness = new EngineHarness(At.Instant("2026-03-08T09:00:00Z"));
        ScheduleEntry[] entries =
        [
            RecordingOwner.Entry("once", "at(2026-03-08T10:00:00)", ScheduleDialect.Scheduler, "Europe/London"),
            RecordingOwner.Entry("sentinel", "rate(5 minutes)", ScheduleDialect.Scheduler),
        ];
        var first = new RecordingOwner("test", harness.Time) { Entries = entries };
        await harness.StartAsync([first]);
        await harness.WaitPlannedAsync(2);
        await harness.StepAsync(first); // 09:05 sentinel
        await harness.StopAsync();

        harness.Time.SetUtcNow(At.Instant("2026-03-08T11:02:00Z"));
        var second = new RecordingOwner("test", harness.Time) { Entries = entries };
        await harness.StartAsync([second]);
        await second.WaitForAsync(1);
        await harness.StepAsync(second); // 11:05 sentinel
        await harness.StopAsync();

        harness.Time.SetUtcNow(At.Instant("2026-03-08T12:02:00Z"));
        var third = new RecordingOwner("test", harness.Time) { Entries = entries };
        await harness.StartAsync([third]);
        await harness.WaitPlannedAsync(2);
        await harness.StepAsync(third); // 12:05 sentinel: everything due before it was fired first

        Assert.DoesNotContain(first.Fires, f => f.Id == "once");
        var once = Assert.Single(second.Fires, f => f.Id == "once");
        Assert.Equal(At.Instant("2026-03-08T10:00:00Z"), once.Scheduled);
        Assert.Equal(At.Instant("2026-03-08T11:02:00Z"), once.FiredAt);
        Assert.True(once.IsLast);
        Assert.Equal(["sentinel 12:05"], third.Fires.Select(f => $"{f.Id} {f.Scheduled:HH:mm}"));
        Assert.Contains(harness.Engine!.Snapshot(), s => s.Id == "once" && s.NextScheduledTime is null && s.LastResult == "Fired");
    }

    [Fact]
    public async Task InFlightTick_EngineStoppedMidFire_FiresThatTickAgainAtStart()
    {
        await using var harness = new EngineHarness(At.Instant("2026-03-08T09:59:30Z"));
        var stuck = new RecordingOwner("test", harness.Time)
        {
            Entries = [RecordingOwner.Entry("minutely", "rate(1 minute)", ScheduleDialect.Scheduler)],
            Hold = new TaskCompletionSource(),
        };
        await harness.StartAsync([stuck]);
        await harness.WaitPlannedAsync(1);
        harness.Time.SetUtcNow(At.Instant("2026-03-08T10:00:00Z"));
        await WaitPendingRecordedAsync(harness);
        await harness.StopAsync(); // the send never finished

        harness.Time.SetUtcNow(At.Instant("2026-03-08T10:05:30Z"));
        var after = new RecordingOwner("test", harness.Time) { Entries = stuck.Entries };
        await harness.StartAsync([after]);
        await after.WaitForAsync(1);
        await harness.StepAsync(after);

        Assert.Empty(stuck.Fires);
        Assert.Equal([At.Instant("2026-03-08T10:00:00Z"), At.Instant("2026-03-08T10:06:00Z")], after.Fires.Select(f => f.Scheduled));
    }

    /// <summary>The pending record is written before the owner is called: wait until the store has it.</summary>
    private static async Task WaitPendingRecordedAsync(EngineHarness harness)
    {
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (guard.Elapsed < TimeSpan.FromSeconds(30))
        {
            var page = await harness.Storage.Documents.ListAsync("schedule-state", null, 100);
            if (page.Documents.Any(d => d.Json.Contains("\"pending\"", StringComparison.Ordinal)))
            {
                return;
            }
            await Task.Delay(5);
        }
        throw new TimeoutException("the pending tick was not recorded");
    }
}
