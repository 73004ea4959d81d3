using System.Collections.Concurrent;
using System.Diagnostics;
using Fulmen.Schedules;
using Fulmen.Schedules.Firing;
using Fulmen.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fulmen.Bench.Schedules;

/// <summary>How long each schedule phase runs on the real clock.</summary>
internal sealed record ScheduleSettings(int Schedules, double PhaseSeconds)
{
    public static ScheduleSettings Full { get; } = new(10_000, 150);
    public static ScheduleSettings Quick { get; } = new(10_000, 70);
}

/// <summary>One phase: how many ticks fired and their lag (fire time minus due time, the engine's own measure).</summary>
internal sealed record SchedulePhaseResult(string Name, int Schedules, double Seconds, long Fired, long Failed, long Expected,
    double P50Ms, double P99Ms, double MaxMs, double CpuSecondsPerThousandTicks);

/// <summary>
/// The schedule engine in this process on the real clock over a SQLite store in the work directory, firing 10,000
/// schedules at rate(1 minute) into an owner that only counts: "spread" anchors them over the minute (as creation
/// times spread), "burst" makes all of them due at the same instant every minute (the worst case). The lag comes from
/// <see cref="ScheduleMetrics.LagObserved"/>, the numbers the lag histogram is fed with.
/// </summary>
internal sealed class ScheduleBench(ScheduleSettings settings, string work)
{
    public async Task<IReadOnlyList<SchedulePhaseResult>> RunAsync()
    {
        var results = new List<SchedulePhaseResult>();
        foreach (var burst in new[] { false, true })
        {
            results.Add(await RunPhaseAsync(burst));
        }
        return results;
    }

    private async Task<SchedulePhaseResult> RunPhaseAsync(bool burst)
    {
        var name = burst ? "burst" : "spread";
        var directory = Path.Combine(work, $"schedules-{name}");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        Directory.CreateDirectory(directory);
        await using var storage = await StorageBackends.OpenAsync(new StorageOptions { DataDirectory = directory }, TimeProvider.System);
        // Anchored at the first whole minute at least 15 s ahead, so no tick is due while the engine loads.
        var now = TimeProvider.System.GetUtcNow().AddSeconds(15);
        var anchor = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var end = anchor.AddSeconds(settings.PhaseSeconds);
        var rate = ScheduleExpression.Parse("rate(1 minute)", ScheduleDialect.Scheduler);
        var owner = new CountingOwner(end, [.. Enumerable.Range(0, settings.Schedules).Select(i => new ScheduleEntry($"s{i:D5}", rate, TimeZoneInfo.Utc, null, null,
            burst ? anchor : anchor.AddMilliseconds(i * 60_000.0 / settings.Schedules), TimeSpan.Zero, "1"))]);
        var metrics = new ScheduleMetrics();
        var lags = new ConcurrentBag<double>();
        metrics.LagObserved = (_, lag) => lags.Add(lag.TotalMilliseconds);
        using var engine = new ScheduleEngine([owner], new ScheduleChangeSignal(), storage.Documents, storage.Leases, TimeProvider.System,
            new ScheduleClock(TimeProvider.System), new ScheduleEngineOptions { Holder = "bench" }, metrics, NullLogger<ScheduleEngine>.Instance);

        await Console.Error.WriteLineAsync($"Schedules ({name}): {settings.Schedules:N0} at rate(1 minute) from {anchor:HH:mm:ss} for {settings.PhaseSeconds:0} s…");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await engine.StartAsync(CancellationToken.None);
        // A few seconds past the end, so the ticks due just before it fire (and are counted) too.
        await Task.Delay(end.AddSeconds(3) - TimeProvider.System.GetUtcNow());
        await engine.StopAsync(CancellationToken.None);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        var sorted = lags.Order().ToArray();
        // Ticks due in [anchor, end): every schedule once per minute from its anchor.
        var expected = owner.Entries.Sum(e => (long)Math.Max(0, Math.Ceiling((end - e.RateAnchor).TotalMinutes)));
        return new SchedulePhaseResult(name, settings.Schedules, settings.PhaseSeconds, owner.Fired, metrics.Failed, expected,
            Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1],
            metrics.Fired == 0 ? 0 : cpu.TotalSeconds * 1000 / metrics.Fired);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>An owner whose ticks cost nothing (what is measured is the engine: queue, state writes, lease); counts the ticks due before <paramref name="end"/>.</summary>
    private sealed class CountingOwner(DateTimeOffset end, IReadOnlyList<ScheduleEntry> entries) : IScheduleOwner
    {
        private long _fired;

        public IReadOnlyList<ScheduleEntry> Entries => entries;

        public long Fired => Interlocked.Read(ref _fired);

        public string Name => "bench";

        public IEnumerable<ScheduleEntry> Schedules() => entries;

        public Task FireAsync(ScheduleEntry entry, ScheduleTick tick, CancellationToken cancellationToken)
        {
            if (tick.ScheduledTime < end)
            {
                Interlocked.Increment(ref _fired);
            }
            return Task.CompletedTask;
        }
    }
}
