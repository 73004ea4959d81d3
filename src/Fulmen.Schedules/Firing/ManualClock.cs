namespace Fulmen.Schedules.Firing;

/// <summary>
/// A clock that stands still until it is set or advanced: what <c>fulmen serve --manual-clock</c> gives the schedule
/// engine, so a test can step across schedule instants without waiting for them. Timers made from it (the engine's
/// <c>Task.Delay</c>) fire when the clock is moved past their due time, never on their own.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock to <paramref name="now"/> (backwards too) and fires the timers now due; answers the new time.</summary>
    public DateTimeOffset SetUtcNow(DateTimeOffset now)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now = now.ToUniversalTime();
            due = [.. _timers.Where(timer => timer.DueAt <= _now)];
            foreach (var timer in due)
            {
                timer.Rearm(_now);
            }
        }
        foreach (var timer in due)
        {
            // On the thread pool: a timer's work (the engine's loop) must not run on the caller's request thread.
            ThreadPool.UnsafeQueueUserWorkItem(static timer => timer.Fire(), timer, preferLocal: false);
        }
        return now.ToUniversalTime();
    }

    public DateTimeOffset Advance(TimeSpan delta)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + delta;
        }
        return SetUtcNow(target);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    DueAt = DateTimeOffset.MaxValue;
                    return true;
                }
                DueAt = clock._now + dueTime;
                clock._timers.Add(this);
            }
            if (dueTime <= TimeSpan.Zero)
            {
                clock.SetUtcNow(clock.GetUtcNow()); // due at once: fire it the way a move of the clock would
            }
            return true;
        }

        /// <summary>Under the clock's lock: a periodic timer is due again a period after now; a one-shot one is done.</summary>
        public void Rearm(DateTimeOffset now)
        {
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
            {
                DueAt = now + _period;
                return;
            }
            DueAt = DateTimeOffset.MaxValue;
            clock._timers.Remove(this);
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                DueAt = DateTimeOffset.MaxValue;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
