using Fulmen.Schedules.Firing;

namespace Fulmen.Schedules.Tests.Firing;

/// <summary>The manual clock stands still; timers made from it fire when it is moved past their due time.</summary>
public sealed class ManualClockTests
{
    [Fact]
    public async Task Delay_ClockAdvancedPastDue_Completes()
    {
        var clock = new ManualClock(At.Instant("2026-03-08T09:59:00Z"));
        var delay = Task.Delay(TimeSpan.FromMinutes(1), clock);

        Assert.Equal(At.Instant("2026-03-08T09:59:30Z"), clock.Advance(TimeSpan.FromSeconds(30)));
        Assert.False(delay.IsCompleted);
        clock.SetUtcNow(At.Instant("2026-03-08T10:00:00Z"));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(At.Instant("2026-03-08T10:00:00Z"), clock.GetUtcNow());
    }

    [Fact]
    public async Task Engine_OnManualClock_FiresWhenTheClockIsMoved()
    {
        await using var harness = new EngineHarness(At.Instant("2026-03-08T09:59:00Z"));
        var clock = new ManualClock(At.Instant("2026-03-08T09:59:00Z"));
        var owner = new RecordingOwner("test", clock) { Entries = [RecordingOwner.Entry("every-ten", "cron(0/10 * * * ? *)", ScheduleDialect.EventBridgeRule)] };
        await harness.StartAsync([owner], clock: clock);
        await harness.WaitPlannedAsync(1);

        clock.Advance(TimeSpan.FromMinutes(30)); // 10:29: three ticks passed while the engine ran, fired in order
        await owner.WaitForAsync(3);

        Assert.Equal([At.Instant("2026-03-08T10:00:00Z"), At.Instant("2026-03-08T10:10:00Z"), At.Instant("2026-03-08T10:20:00Z")],
            owner.Fires.Select(f => f.Scheduled));
    }
}
