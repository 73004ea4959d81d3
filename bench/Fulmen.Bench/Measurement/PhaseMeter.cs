using System.Globalization;

namespace Fulmen.Bench.Measurement;

/// <summary>A measured phase: latencies and rate as the client saw them, and where the CPU went.</summary>
internal sealed record Phase(LatencyStats Latency, CpuUse Cpu);

/// <summary>
/// Runs a phase on a shared machine: waits for it to be quiet, warms up, measures with the CPU split
/// (load client, server, runtimes, other) and, when other work took over <see cref="ContaminatedShare"/>
/// of the CPU, measures once more and keeps the cleaner run.
/// </summary>
internal static class PhaseMeter
{
    /// <summary>Busy share of the machine above which a phase waits for the rest of the machine to calm down.</summary>
    private const double QuietPercent = 15;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Share of the CPU taken by other work above which a phase is measured again.</summary>
    private const double ContaminatedShare = 0.15;

    public static void Log(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");

    /// <summary>
    /// Waits for a quiet machine, warms up, then measures, at most <paramref name="attempts"/> times while
    /// other work on the machine takes more than <see cref="ContaminatedShare"/> of the CPU: on a shared
    /// 2-core machine that is what moves latencies most.
    /// </summary>
    public static async Task<Phase> MeasureAsync(int serverPid, Func<Task> warmup, Func<Task<LatencyStats>> run, int attempts = 2, TimeSpan? patience = null)
    {
        Phase? best = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            await WaitForQuietAsync(patience);
            await warmup();
            var phase = await MeterAsync(serverPid, run);
            if (best is null || phase.Cpu.OtherUs < best.Cpu.OtherUs)
            {
                best = phase;
            }
            var otherShare = phase.Cpu.OtherUs / Math.Max(1, phase.Cpu.TotalUs + phase.Cpu.OtherUs);
            if (otherShare <= ContaminatedShare)
            {
                break;
            }
            Log(FormattableString.Invariant($"  other work took {100 * otherShare:0}% of the CPU during the phase{(attempt + 1 < attempts ? "; measuring again" : "")}"));
        }
        return best!;
    }

    /// <summary>Waits up to <paramref name="patience"/> (default 10 s) for the machine to be under 15% busy.</summary>
    public static async Task WaitForQuietAsync(TimeSpan? patience = null)
    {
        var wait = patience ?? Patience;
        var busy = await CpuSnapshot.WaitForQuietAsync(QuietPercent, wait);
        if (busy >= QuietPercent)
        {
            Log(FormattableString.Invariant($"  the machine is {busy:0}% busy with other work after waiting {wait.TotalSeconds:0} s; measuring anyway"));
        }
    }

    public static async Task<Phase> MeterAsync(int serverPid, Func<Task<LatencyStats>> run)
    {
        var before = CpuSnapshot.Take(serverPid);
        var stats = await run();
        var after = CpuSnapshot.Take(serverPid);
        var phase = new Phase(stats, CpuSnapshot.Between(before, after, stats.Count));
        Log(FormattableString.Invariant(
            $"  {stats.Count} ok, {stats.Errors} errors, p50 {stats.P50Us:0.0} µs, p99 {stats.P99Us:0.0} µs, {stats.PerSecond:0}/s; machine {phase.Cpu.MachineBusyPercent:0}% busy"));
        return phase;
    }
}
