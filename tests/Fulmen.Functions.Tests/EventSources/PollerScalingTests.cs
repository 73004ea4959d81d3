using Fulmen.Functions.EventSources.Polling;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Functions.Tests.EventSources;

/// <summary>How many batches a mapping works on at once.</summary>
public sealed class PollerScalingTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Starts_WithFive()
    {
        Assert.Equal(5, new PollerScaling(null, () => null, _time).Target);
    }

    [Fact]
    public void MaximumConcurrency_And_Reservation_Bound_TheStart()
    {
        Assert.Equal(2, new PollerScaling(2, () => null, _time).Target);
        Assert.Equal(3, new PollerScaling(null, () => 3, _time).Target);
        Assert.Equal(1, new PollerScaling(10, () => 0, _time).Target);
    }

    [Fact]
    public void Busy_GrowsByOne_AtMostEvery200Milliseconds()
    {
        var scaling = new PollerScaling(null, () => null, _time);
        Assert.True(scaling.Busy());
        Assert.False(scaling.Busy());
        Assert.Equal(6, scaling.Target);
        _time.Advance(PollerScaling.GrowthInterval);
        Assert.True(scaling.Busy());
        Assert.Equal(7, scaling.Target);
    }

    [Fact]
    public void Busy_StopsAtMaximumConcurrency()
    {
        var scaling = new PollerScaling(6, () => null, _time);
        Assert.True(scaling.Busy());
        _time.Advance(PollerScaling.GrowthInterval);
        Assert.False(scaling.Busy());
        Assert.Equal(6, scaling.Target);
    }

    [Fact]
    public void Idle_ShrinksBackToFive()
    {
        var scaling = new PollerScaling(null, () => null, _time);
        for (var i = 0; i < 3; i++)
        {
            scaling.Busy();
            _time.Advance(PollerScaling.GrowthInterval);
        }
        Assert.Equal(8, scaling.Target);
        while (scaling.Idle())
        {
        }
        Assert.Equal(5, scaling.Target);
    }

    [Fact]
    public void LoweredReservation_LowersTheTarget()
    {
        int? reserved = null;
        var scaling = new PollerScaling(null, () => reserved, _time);
        Assert.Equal(5, scaling.Target);
        reserved = 2;
        Assert.Equal(2, scaling.Target);
    }

    [Fact]
    public void Busy_AddsAtMost300AMinute()
    {
        var scaling = new PollerScaling(null, () => null, _time);
        var end = _time.GetUtcNow() + TimeSpan.FromMinutes(1);
        while (_time.GetUtcNow() < end)
        {
            // Every worker asks on every full batch; the ramp, not the asking, sets the pace.
            for (var i = 0; i < 10; i++)
            {
                scaling.Busy();
            }
            _time.Advance(TimeSpan.FromMilliseconds(50));
        }
        Assert.Equal(5 + 300, scaling.Target);
    }

    [Fact]
    public void Ceiling_ThisServersConcurrency_BoundsWhatMaximumConcurrencyAllows()
    {
        var scaling = new PollerScaling(null, () => null, _time, ceiling: 6);
        Assert.True(scaling.Busy());
        _time.Advance(PollerScaling.GrowthInterval);
        Assert.False(scaling.Busy());
        Assert.Equal(6, scaling.Target);
        Assert.Equal(3, new PollerScaling(10, () => null, _time, ceiling: 3).Target);
        Assert.Equal(PollerScaling.Ceiling, new PollerScaling(null, () => null, _time, ceiling: 5000).Limit);
    }

    [Fact]
    public void Reservation_BoundsGrowth()
    {
        var scaling = new PollerScaling(null, () => 6, _time);
        for (var i = 0; i < 5; i++)
        {
            scaling.Busy();
            _time.Advance(PollerScaling.GrowthInterval);
        }
        Assert.Equal(6, scaling.Target);
    }

    [Fact]
    public void Throttled_DropsOne_AndPausesGrowth()
    {
        var scaling = new PollerScaling(null, () => null, _time);
        for (var i = 0; i < 3; i++)
        {
            scaling.Busy();
            _time.Advance(PollerScaling.GrowthInterval);
        }
        Assert.Equal(8, scaling.Target);

        Assert.True(scaling.Throttled());
        Assert.Equal(7, scaling.Target);
        _time.Advance(PollerScaling.GrowthInterval);
        Assert.False(scaling.Busy()); // still within the pause
        _time.Advance(PollerScaling.ThrottlePause);
        Assert.True(scaling.Busy());
        Assert.Equal(8, scaling.Target);
    }

    [Fact]
    public void Throttled_NeverBelowTheFloor()
    {
        var scaling = new PollerScaling(null, () => null, _time);
        Assert.False(scaling.Throttled());
        Assert.Equal(5, scaling.Target);
    }
}
