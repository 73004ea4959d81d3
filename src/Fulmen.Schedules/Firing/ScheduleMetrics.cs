using System.Diagnostics.Metrics;

namespace Fulmen.Schedules.Firing;

/// <summary>
/// The schedule engine on the server's meter (<c>Fulmen</c>, exported at <c>/metrics</c>): ticks fired and failed per
/// owner, skipped ticks (too late to catch up), and the lag of each fire — when the engine called the owner minus when
/// the tick was due (its scheduled time, plus the random offset a flexible window chose). Totals since start are also
/// kept as plain numbers for <c>GET /_fulmen/schedules</c> and tests.
/// </summary>
public sealed class ScheduleMetrics
{
    /// <summary>The server's one meter (the asynchronous queue's and the mappings' too).</summary>
    public const string MeterName = "Fulmen";

    private static readonly double[] LagBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long>? _fired;
    private readonly Counter<long>? _failed;
    private readonly Counter<long>? _skipped;
    private readonly Histogram<double>? _lag;
    private long _firedTotal;
    private long _failedTotal;
    private long _skippedTotal;
    private long _maxLagTicks;

    /// <summary>Totals only, no instruments (tests, benchmarks).</summary>
    public ScheduleMetrics()
    {
    }

    public ScheduleMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _fired = meter.CreateCounter<long>("fulmen.schedule.ticks.fired", "{tick}", "Schedule ticks fired (the owner sent what the tick sends).");
        _failed = meter.CreateCounter<long>("fulmen.schedule.ticks.failed", "{tick}", "Schedule ticks whose firing failed.");
        _skipped = meter.CreateCounter<long>("fulmen.schedule.ticks.skipped", "{tick}",
            "Ticks passed over because they were too late to catch up (the clock jumped or the machine slept).");
        _lag = meter.CreateHistogram("fulmen.schedule.lag", "s", "Time from a tick's due time to the engine firing it.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
    }

    public long Fired => Interlocked.Read(ref _firedTotal);

    public long Failed => Interlocked.Read(ref _failedTotal);

    public long Skipped => Interlocked.Read(ref _skippedTotal);

    /// <summary>The largest lag seen since start.</summary>
    public TimeSpan MaxLag => TimeSpan.FromTicks(Interlocked.Read(ref _maxLagTicks));

    /// <summary>Called with every lag measured, on the firing thread (a benchmark's percentiles).</summary>
    public Action<string, TimeSpan>? LagObserved { get; set; }

    internal void RecordFire(string owner, TimeSpan lag, bool failed)
    {
        if (lag < TimeSpan.Zero)
        {
            lag = TimeSpan.Zero;
        }
        var tag = new KeyValuePair<string, object?>("owner", owner);
        _lag?.Record(lag.TotalSeconds, tag);
        LagObserved?.Invoke(owner, lag);
        var max = Interlocked.Read(ref _maxLagTicks);
        while (lag.Ticks > max && Interlocked.CompareExchange(ref _maxLagTicks, lag.Ticks, max) != max)
        {
            max = Interlocked.Read(ref _maxLagTicks);
        }
        if (failed)
        {
            Interlocked.Increment(ref _failedTotal);
            _failed?.Add(1, tag);
        }
        else
        {
            Interlocked.Increment(ref _firedTotal);
            _fired?.Add(1, tag);
        }
    }

    internal void RecordSkipped(string owner, long ticks)
    {
        Interlocked.Add(ref _skippedTotal, ticks);
        _skipped?.Add(ticks, new KeyValuePair<string, object?>("owner", owner));
    }
}
