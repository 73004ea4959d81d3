using Fulmen.Functions.Async;
using Fulmen.Functions.Concurrency;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Functions.Tests;

/// <summary>Which queued event runs next: fairness between functions, concurrency bounds, retry timing.</summary>
public sealed class AsyncSchedulerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrencyGate _gate = new(new LambdaOptions());
    private readonly List<AsyncEvent> _started = [];

    private AsyncScheduler Scheduler(int maxConcurrency)
    {
        var scheduler = new AsyncScheduler(new AsyncOptions { MaxConcurrency = maxConcurrency }, _gate, _time);
        scheduler.Begin(_started.Add);
        return scheduler;
    }

    private AsyncEvent Event(string function, long id, TimeSpan? delay = null) => new()
    {
        Id = id,
        RequestId = $"{function}-{id}",
        FunctionName = function,
        Qualifier = "$LATEST",
        EnqueuedAt = _time.GetUtcNow(),
        DueAt = _time.GetUtcNow() + (delay ?? TimeSpan.Zero),
    };

    [Fact]
    public void Backlog_OfOneFunction_DoesNotStarveAnother()
    {
        using var scheduler = Scheduler(maxConcurrency: 2);
        for (var i = 0; i < 1000; i++)
        {
            scheduler.Add(Event("busy", i));
        }
        scheduler.Add(Event("quiet", 1000));
        Assert.Equal(["busy", "busy"], _started.Select(e => e.FunctionName));

        // Each time a slot frees, the functions take turns: the quiet one runs next, not after 998 others.
        scheduler.Release("busy");
        Assert.Equal("quiet", _started[^1].FunctionName);
        scheduler.Release("busy");
        Assert.Equal("busy", _started[^1].FunctionName);
        Assert.Equal(4, _started.Count);
    }

    [Fact]
    public void ReservedConcurrency_BoundsHowManyOfAFunctionsEventsRunAtOnce()
    {
        _gate.SetReservation("reserved", 3);
        using var scheduler = Scheduler(maxConcurrency: 16);
        for (var i = 0; i < 10; i++)
        {
            scheduler.Add(Event("reserved", i));
            scheduler.Add(Event("open", 100 + i));
        }
        Assert.Equal(3, _started.Count(e => e.FunctionName == "reserved"));
        Assert.Equal(10, _started.Count(e => e.FunctionName == "open"));

        scheduler.Release("reserved");
        Assert.Equal(4, _started.Count(e => e.FunctionName == "reserved"));
        var status = scheduler.Snapshot().Single(s => s.FunctionName == "reserved");
        Assert.Equal((6, 3), (status.Waiting, status.InFlight));
    }

    [Fact]
    public void DelayedEvent_RunsWhenDue_AndCountsAsRetryingUntilThen()
    {
        using var scheduler = Scheduler(maxConcurrency: 4);
        scheduler.Add(Event("f", 1, delay: TimeSpan.FromSeconds(60)));
        Assert.Empty(_started);
        Assert.Equal(1, scheduler.Snapshot().Single().Retrying);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Empty(_started);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(_started);
        Assert.Equal((0, 1, 0), (scheduler.Snapshot().Single().Waiting, scheduler.Snapshot().Single().InFlight, scheduler.Snapshot().Single().Retrying));
    }

    [Fact]
    public void Halted_StartsNothing_UntilBegunAgain()
    {
        using var scheduler = Scheduler(maxConcurrency: 4);
        scheduler.Halt();
        scheduler.Add(Event("f", 1));
        Assert.Empty(_started);
        scheduler.Begin(_started.Add);
        Assert.Single(_started);
    }

    [Theory]
    [InlineData(60, 1, 60)]
    [InlineData(60, 2, 120)]
    [InlineData(1, 2, 2)]
    public void FunctionErrorDelay_IsOneThenTwoRetryBases(int baseSeconds, int retry, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), new AsyncOptions { RetryBase = TimeSpan.FromSeconds(baseSeconds) }.FunctionErrorDelay(retry));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(40, 300)]
    public void ThrottleDelay_DoublesFromOneSecondUpToFiveMinutes(int throttles, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), new AsyncOptions().ThrottleDelay(throttles));
}
