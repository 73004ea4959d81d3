namespace Fulmen.Schedules.Tests.Firing;

/// <summary>
/// The engine fires each tick at its instant: stepping the fake clock to each planned fire time, every tick is
/// recorded at exactly its scheduled time, and the times are the documented ones across New York's 2026
/// spring-forward (8 March) and fall-back (1 November), beside a rule's UTC cron.
/// </summary>
public sealed class EngineTimingTests
{
    [Fact]
    public async Task Cron_NewYorkAcrossSpringForward_FiresAtEachInstantOnce()
    {
        await using var harness = new EngineHarness(At.Instant("2026-03-08T04:10:00Z"));
        var owner = new RecordingOwner("test", harness.Time)
        {
            Entries =
            [
                RecordingOwner.Entry("hourly", "cron(0 * * * ? *)", ScheduleDialect.Scheduler, "America/New_York"),
                RecordingOwner.Entry("gap", "cron(30 2 * * ? *)", ScheduleDialect.Scheduler, "America/New_York"),
                RecordingOwner.Entry("rule", "cron(15 6 * * ? *)", ScheduleDialect.EventBridgeRule),
            ],
        };
        await harness.StartAsync([owner]);
        await harness.WaitPlannedAsync(3);

        while (owner.Fires.Count < 5)
        {
            await harness.StepAsync(owner);
        }

        // 00:00 and 01:00 EST, then 03:00 and 04:00 EDT; 02:30 does not exist on 8 March (next: 9 March 02:30 EDT).
        Assert.Equal(["2026-03-08T05:00:00Z", "2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"],
            Times(owner, "hourly"));
        Assert.Equal(["2026-03-08T06:15:00Z"], Times(owner, "rule"));
        Assert.Empty(Times(owner, "gap"));
        Assert.Contains(harness.Engine!.Snapshot(), s => s.Id == "gap" && s.NextScheduledTime == At.Instant("2026-03-09T06:30:00Z"));
        Assert.All(owner.Fires, fire => Assert.Equal(fire.Scheduled, fire.FiredAt));
        Assert.All(owner.Fires, fire => Assert.False(fire.IsLast));
    }

    [Fact]
    public async Task Cron_NewYorkAcrossFallBack_RepeatedHourRunsOnce()
    {
        await using var harness = new EngineHarness(At.Instant("2026-11-01T04:10:00Z"));
        var owner = new RecordingOwner("test", harness.Time)
        {
            Entries =
            [
                RecordingOwner.Entry("half-hourly", "cron(0/30 * * * ? *)", ScheduleDialect.Scheduler, "America/New_York"),
                RecordingOwner.Entry("once", "cron(30 1 * * ? *)", ScheduleDialect.Scheduler, "America/New_York"),
                RecordingOwner.Entry("rule", "cron(0 6 * * ? *)", ScheduleDialect.EventBridgeRule),
            ],
        };
        await harness.StartAsync([owner]);
        await harness.WaitPlannedAsync(3);

        while (owner.Fires.Count(f => f.Id == "half-hourly") < 5)
        {
            await harness.StepAsync(owner);
        }

        // 00:30, 01:00 and 01:30 EDT, then 02:00 and 02:30 EST: the repeated 01:00–02:00 hour does not run again.
        Assert.Equal(["2026-11-01T04:30:00Z", "2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z", "2026-11-01T07:00:00Z", "2026-11-01T07:30:00Z"],
            Times(owner, "half-hourly"));
        Assert.Equal(["2026-11-01T05:30:00Z"], Times(owner, "once"));
        Assert.Equal(["2026-11-01T06:00:00Z"], Times(owner, "rule"));
        Assert.All(owner.Fires, fire => Assert.Equal(fire.Scheduled, fire.FiredAt));
    }

    [Fact]
    public async Task FlexibleWindow_FiresWithinWindowAfterTick_ScheduledTimeIsTheTick()
    {
        await using var harness = new EngineHarness(At.Instant("2026-03-08T09:59:00Z"));
        var owner = new RecordingOwner("test", harness.Time)
        {
            Entries = [RecordingOwner.Entry("flex", "cron(0/10 * * * ? *)", ScheduleDialect.Scheduler, window: TimeSpan.FromMinutes(5))],
        };
        await harness.StartAsync([owner]);
        await harness.WaitPlannedAsync(1);

        for (var i = 0; i < 5; i++)
        {
            await harness.StepAsync(owner);
        }

        Assert.Equal(5, owner.Fires.Count);
        Assert.All(owner.Fires, fire =>
        {
            Assert.Equal(0, fire.Scheduled.Minute % 10);
            Assert.InRange(fire.FiredAt, fire.Scheduled, fire.Scheduled.AddMinutes(5));
        });
    }

    [Fact]
    public async Task Changed_NewScheduleAndRemovedOne_EngineFollowsWithoutPolling()
    {
        await using var harness = new EngineHarness(At.Instant("2026-03-08T09:59:30Z"));
        var changes = new Fulmen.Schedules.Firing.ScheduleChangeSignal();
        var owner = new RecordingOwner("test", harness.Time) { Entries = [RecordingOwner.Entry("a", "rate(1 minute)", ScheduleDialect.Scheduler)] };
        await harness.StartAsync([owner], changes: changes);
        await harness.WaitPlannedAsync(1);
        await harness.StepAsync(owner);

        owner.Entries = [RecordingOwner.Entry("b", "rate(5 minutes)", ScheduleDialect.Scheduler, anchor: At.Instant("2026-03-08T10:02:00Z"))];
        changes.Changed("test");
        await harness.WaitPlannedAsync(1);
        while (harness.Engine!.Snapshot().Any(s => s.Id == "a"))
        {
            await Task.Delay(5);
        }
        await harness.StepAsync(owner);

        Assert.Equal(["a", "b"], owner.Fires.Select(f => f.Id));
        Assert.Equal(At.Instant("2026-03-08T10:02:00Z"), owner.Fires[1].Scheduled);
    }

    [Fact]
    public async Task OwnerThrows_TickCountedFailed_NextTickStillFires()
    {
        await using var harness = new EngineHarness(At.Instant("2026-03-08T09:59:30Z"));
        var owner = new RecordingOwner("test", harness.Time) { Entries = [RecordingOwner.Entry("flaky", "rate(1 minute)", ScheduleDialect.Scheduler)] };
        owner.Failing.Add("flaky");
        var engine = await harness.StartAsync([owner]);
        await harness.WaitPlannedAsync(1);

        await harness.StepAsync(owner);
        await harness.WaitSettledAsync();
        var status = Assert.Single(engine.Snapshot());
        owner.Failing.Clear();
        await harness.StepAsync(owner);
        await harness.WaitSettledAsync();

        Assert.Equal("Failed: the target refused", status.LastResult);
        Assert.Equal(At.Instant("2026-03-08T10:00:00Z"), status.LastScheduledTime);
        Assert.Equal("Fired", Assert.Single(engine.Snapshot()).LastResult);
        Assert.Equal(1, engine.Metrics.Failed);
        Assert.Equal(1, engine.Metrics.Fired);
    }

    private static string[] Times(RecordingOwner owner, string id) =>
        [.. owner.Fires.Where(f => f.Id == id).Select(f => f.Scheduled.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture))];
}
