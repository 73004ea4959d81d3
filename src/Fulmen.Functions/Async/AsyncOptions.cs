namespace Fulmen.Functions.Async;

/// <summary>How the asynchronous dispatcher retries and how much it runs at once.</summary>
public sealed class AsyncOptions
{
    /// <summary>
    /// The unit of every retry delay: function errors wait 1 × then 2 × this; throttles and system errors back
    /// off from 1/60 of it, doubling, up to 5 ×. AWS's values follow from the default of 60 seconds.
    /// </summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Queued events run at once across all functions; a function's reserved concurrency bounds its own share.</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>Payloads of queued events kept in memory; beyond this they are read back from the store when run.</summary>
    public long PayloadMemoryBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Names this node's hold on the events it runs; a restarted node takes back what it held.</summary>
    public string NodeId { get; init; } = Environment.MachineName;

    /// <summary>How long an event stays this node's without a renewal: longer than a function may run (15 min).</summary>
    public TimeSpan HoldFor { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>How often events whose holder let go or died are looked for (holds are renewed every quarter of <see cref="HoldFor"/>).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between tries of a store write that failed because the store was unreachable.</summary>
    public TimeSpan StoreRetryCap { get; init; } = TimeSpan.FromSeconds(5);

    public const int DefaultMaximumRetryAttempts = 2;
    public const int DefaultMaximumEventAgeSeconds = 21_600;

    /// <summary>Wait before retry number <paramref name="retry"/> (1-based) after a function error: 1 min, then 2 min.</summary>
    public TimeSpan FunctionErrorDelay(int retry) => RetryBase * retry;

    /// <summary>Wait after the <paramref name="throttles"/>-th throttle or system error in a row: 1 s doubling to 5 min.</summary>
    public TimeSpan ThrottleDelay(int throttles)
    {
        var first = RetryBase / 60;
        var cap = RetryBase * 5;
        var delay = first * Math.Pow(2, Math.Min(throttles - 1, 30));
        return delay < cap ? delay : cap;
    }
}
