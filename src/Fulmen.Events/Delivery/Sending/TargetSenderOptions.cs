namespace Fulmen.Events.Delivery.Sending;

/// <summary>How sends to targets are retried: exponential back-off with jitter, as EventBridge documents.</summary>
public sealed class TargetSenderOptions
{
    /// <summary>The wait before the first retry; each later one doubles it, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between two attempts. AWS's default of 185 attempts in 24 hours averages about 7.8 minutes
    /// between attempts once the back-off has grown, hence 8 minutes.
    /// </summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(8);

    /// <summary>How often the retry queue is looked at for sends that are due.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a node holds a due send while it tries it; a node that dies lets go after this.</summary>
    public TimeSpan Hold { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based): base × 2^(retry-1), capped, then between
    /// half and all of it ("equal jitter"), so retries of many events after one outage spread out.
    /// </summary>
    public TimeSpan DelayBefore(int retry)
    {
        var exponent = Math.Min(retry - 1, 30);
        var full = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full / 2 + Random.Shared.NextDouble() * full / 2);
    }
}
