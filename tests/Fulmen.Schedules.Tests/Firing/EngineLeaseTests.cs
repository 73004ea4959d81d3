using Fulmen.Schedules.Firing;

namespace Fulmen.Schedules.Tests.Firing;

/// <summary>
/// Only the holder of the schedule lease fires: while another node holds it nothing fires here, and once it lapses this
/// node takes over at the next tick after now. A state write under an older fencing token is refused.
/// </summary>
public sealed class EngineLeaseTests
{
    [Fact]
    public async Task LeaseHeldByAnotherNode_DoesNotFire_TakesOverWhenItLapses()
    {
        await using var harness = new EngineHarness(At.Instant("2026-03-08T09:59:30Z"));
        var storage = await harness.OpenStorageAsync();
        var other = await storage.Leases.TryAcquireAsync("schedules", "node-b", TimeSpan.FromMinutes(5));
        Assert.NotNull(other);
        var owner = new RecordingOwner("test", harness.Time) { Entries = [RecordingOwner.Entry("minutely", "rate(1 minute)", ScheduleDialect.Scheduler)] };
        var engine = await harness.StartAsync([owner]);

        for (var minute = 1; minute <= 4; minute++)
        {
            harness.Time.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.False(engine.IsLeaseHolder);
        Assert.All(engine.Snapshot(), s => Assert.Null(s.NextScheduledTime));

        // 10:04:30: node-b's lease lapses. The renewal timer counts from when it was set, which may have been after the
        // moves above: step the clock a second at a time (staying before 10:05) until this node took the lease.
        harness.Time.SetUtcNow(other.ExpiresAt.AddSeconds(5));
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (!engine.IsLeaseHolder && harness.Time.GetUtcNow() < At.Instant("2026-03-08T10:04:58Z"))
        {
            Assert.True(guard.Elapsed < TimeSpan.FromSeconds(30), "the lapsed lease was not taken");
            await Task.Delay(20);
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }
        await harness.WaitPlannedAsync(1);
        await harness.StepAsync(owner);
        await harness.StepAsync(owner);

        Assert.True(engine.IsLeaseHolder);
        Assert.Equal([At.Instant("2026-03-08T10:05:00Z"), At.Instant("2026-03-08T10:06:00Z")], owner.Fires.Select(f => f.Scheduled));
        var lease = await storage.Leases.GetAsync("schedules");
        Assert.Equal("node-a", lease!.Holder);
        Assert.True(lease.Token > other.Token);
    }

    [Fact]
    public async Task StateWrite_OlderTokenAfterNewerOne_IsRefused()
    {
        await using var harness = new EngineHarness(At.Instant("2026-03-08T10:00:00Z"));
        var storage = await harness.OpenStorageAsync();
        var newer = new ScheduleStateStore(storage.Documents);
        var older = new ScheduleStateStore(storage.Documents);
        await older.LoadAsync(CancellationToken.None);
        var state = new ScheduleState { Version = "1", Pending = At.Instant("2026-03-08T10:00:00Z") };

        Assert.True(await newer.RecordInFlightAsync("test", 5, [("s", state)], CancellationToken.None));
        Assert.False(await older.RecordInFlightAsync("test", 4, [("s", state)], CancellationToken.None));
        newer.MarkDone("test", "s", state with { Pending = null, LastFired = state.Pending });
        older.MarkDone("test", "s", state with { Pending = null, LastFired = state.Pending });
        Assert.True(await newer.FlushAsync(5, (_, _) => true, CancellationToken.None));
        Assert.False(await older.FlushAsync(4, (_, _) => true, CancellationToken.None));

        var reader = new ScheduleStateStore(storage.Documents);
        await reader.LoadAsync(CancellationToken.None);
        Assert.Equal(state.Pending, reader.Find("test", "s")!.LastFired);
        Assert.Null(reader.Find("test", "s")!.Pending);
    }
}
