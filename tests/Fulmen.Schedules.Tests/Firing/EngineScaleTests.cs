using Fulmen.Schedules.Firing;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Schedules.Tests.Firing;

/// <summary>
/// 10,000 schedules at rate(1 minute) fire from one loop: every schedule fires once a minute, and the engine holds no
/// more than a couple of timers on the clock (its one wait and the lease's renewal), never one per schedule.
/// </summary>
public sealed class EngineScaleTests
{
    private const int Schedules = 10_000;

    [Fact]
    public async Task TenThousandSchedules_RateOneMinute_EachFiresEveryMinuteFromOneLoop()
    {
        await using var harness = new EngineHarness(At.Instant("2026-03-08T09:59:30Z").AddMilliseconds(500));
        var clock = new CountingClock(harness.Time);
        var anchor = At.Instant("2026-03-08T09:00:00Z");
        var owner = new RecordingOwner("test", harness.Time)
        {
            // Anchors spread over the minute (as creation times are) and 100 at the same second.
            Entries = [.. Enumerable.Range(0, Schedules).Select(i =>
                RecordingOwner.Entry($"s{i:D5}", "rate(1 minute)", ScheduleDialect.Scheduler, anchor: anchor.AddSeconds(i % 60)))],
        };
        var engine = await harness.StartAsync([owner], clock: clock);
        await harness.WaitPlannedAsync(Schedules);

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await owner.WaitForAsync(Schedules, TimeSpan.FromMinutes(2));
        await harness.WaitSettledAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await owner.WaitForAsync(2 * Schedules, TimeSpan.FromMinutes(2));
        await harness.WaitSettledAsync();

        Assert.Equal(2 * Schedules, owner.Fires.Count);
        Assert.All(owner.Fires.GroupBy(f => f.Id), fires => Assert.Equal(2, fires.Select(f => f.Scheduled).Distinct().Count()));
        Assert.Equal(2 * Schedules, engine.Metrics.Fired);
        Assert.InRange(clock.MostTimersAtOnce, 1, 2);
    }

    /// <summary>The fake clock, counting the timers alive on it at once.</summary>
    private sealed class CountingClock(FakeTimeProvider inner) : TimeProvider
    {
        private int _alive;
        private int _most;

        public int MostTimersAtOnce => Volatile.Read(ref _most);

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var alive = Interlocked.Increment(ref _alive);
            int most;
            while (alive > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, alive, most) != most)
            {
            }
            return new Counted(inner.CreateTimer(callback, state, dueTime, period), this);
        }

        private sealed class Counted(ITimer timer, CountingClock clock) : ITimer
        {
            private int _disposed;

            public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    Interlocked.Decrement(ref clock._alive);
                }
                timer.Dispose();
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
