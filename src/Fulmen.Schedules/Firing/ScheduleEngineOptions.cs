namespace Fulmen.Schedules.Firing;

/// <summary>How the schedule engine fires and holds its lease. The defaults suit one node and a few nodes alike.</summary>
public sealed class ScheduleEngineOptions
{
    /// <summary>This node's name as the lease's holder; must differ between nodes sharing a database.</summary>
    public string Holder { get; init; } = Environment.MachineName;

    /// <summary>The one lease under which a node fires every schedule; the nodes sharing a store share its name.</summary>
    public string LeaseName { get; init; } = "schedules";

    /// <summary>How long the lease lasts without a renewal: how long a crashed holder's schedules wait for another node.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the holder renews the lease, and a waiting node tries to take it.</summary>
    public TimeSpan LeaseRenewal { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A tick the running engine passes is fired late (in order) unless it is more than this late: then the clock
    /// jumped or the machine slept, and the schedule resumes at its next tick after now as after a restart. Null: no limit
    /// (a manual clock, whose jumps are deliberate).
    /// </summary>
    public TimeSpan? CatchUpLimit { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Ticks fired at once (their owners' sends overlap); the rest of a due batch waits for a place.</summary>
    public int MaxConcurrentFires { get; init; } = 64;

    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Holder);
        ArgumentException.ThrowIfNullOrEmpty(LeaseName);
        if (LeaseRenewal <= TimeSpan.Zero || LeaseDuration <= LeaseRenewal * 2)
        {
            throw new ArgumentException("The schedule lease must last more than twice its renewal interval.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentFires, 1);
    }
}

/// <summary>
/// The clock schedules run on, apart from the process's own: the system clock, or a <see cref="ManualClock"/> a test
/// moves. Only the engine's waits and what it stamps (the scheduled time) read it; leases keep real time.
/// </summary>
public sealed class ScheduleClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    /// <summary>The manual clock when the server runs on one; null on the system clock.</summary>
    public ManualClock? Manual => Time as ManualClock;
}
