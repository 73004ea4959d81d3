using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench;

/// <summary>The results as Markdown tables (printed and saved) with the targets Fulmen is held to.</summary>
internal static class Report
{
    /// <summary>Fulmen may add this much to a warm invoke's p50 / p99 over the bare loop.</summary>
    public const double TargetP50AddedUs = 50;
    public const double TargetP99AddedUs = 200;
    /// <summary>Invokes a second at concurrency 16 with the compiled no-op function.</summary>
    public const double TargetInvokesPerSecond = 15_000;
    /// <summary>Cold start may exceed the bare runtime's own start by this much.</summary>
    public const double TargetColdAddedMs = 3;

    public static string Machine(string mode)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        return Invariant($"{Environment.ProcessorCount} CPUs ({cpu}), Linux {kernel}, {RuntimeInformation.FrameworkDescription}; mode {mode}; load average {load} at start; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    }

    /// <summary>
    /// Runs bench/runtimes/calibrate.c's binary: what this kernel charges for a syscall, a wake-up, a spawn,
    /// and a durable append to a file in <paramref name="directory"/> (where the servers keep their data).
    /// </summary>
    public static async Task<IReadOnlyList<string>> CalibrateAsync(string program, string directory)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, [directory]) { RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The lines every report starts with: the machine and its calibration.</summary>
    public static StringBuilder Header(string machine, IReadOnlyList<string> calibration)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Machine: {machine}"));
        if (calibration.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Calibration (bench/runtimes/calibrate.c): {string.Join("; ", calibration)}"));
        }
        return text;
    }

    public static string Render(string machine, IReadOnlyList<string> calibration, IReadOnlyList<RuntimeResult> results, int concurrency)
    {
        var text = Header(machine, calibration);
        foreach (var result in results)
        {
            text.AppendLine();
            AppendRuntime(text, result, concurrency);
        }
        return text.ToString();
    }

    private static void AppendRuntime(StringBuilder text, RuntimeResult result, int concurrency)
    {
        var (bare, fulmen) = (result.Bare, result.Fulmen);
        var c = concurrency.ToString(CultureInfo.InvariantCulture);
        text.AppendLine(Invariant($"### {result.Case.Title}"));
        text.AppendLine();
        text.AppendLine("| measure | bare loop | bare loop + HTTP front | Fulmen | Fulmen − bare loop | Fulmen − HTTP front | target | met |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|---|");

        void Latency(string label, Func<LatencyStats, double> pick, double? target)
        {
            var added = pick(fulmen.C1.Latency) - pick(bare.LoopC1.Latency);
            var overFront = pick(fulmen.C1.Latency) - pick(bare.HttpC1.Latency);
            text.AppendLine(Invariant(
                $"| {label} | {pick(bare.LoopC1.Latency):0} µs | {pick(bare.HttpC1.Latency):0} µs | {pick(fulmen.C1.Latency):0} µs | {added:+0;-0} µs | {overFront:+0;-0} µs | {(target is { } t ? $"≤ +{t:0} µs" : "")} | {Met(target is null ? null : added <= target)} |"));
        }
        Latency("warm invoke p50, concurrency 1", s => s.P50Us, TargetP50AddedUs);
        Latency("warm invoke p99, concurrency 1", s => s.P99Us, TargetP99AddedUs);
        Latency("warm invoke p99.9, concurrency 1", s => s.P999Us, null);
        Latency("warm invoke mean, concurrency 1", s => s.MeanUs, null);

        var throughputTarget = result.Case.Key == "provided" ? (double?)TargetInvokesPerSecond : null;
        var rate = fulmen.Cn.Latency.PerSecond;
        text.AppendLine(Invariant(
            $"| invokes/s, concurrency {c} | {bare.LoopCn.Latency.PerSecond:#,0} | {bare.HttpCn.Latency.PerSecond:#,0} | {rate:#,0} | {100 * (rate / bare.LoopCn.Latency.PerSecond - 1):+0;-0} % | {100 * (rate / bare.HttpCn.Latency.PerSecond - 1):+0;-0} % | {(throughputTarget is { } t ? $"≥ {t:#,0}" : "")} | {Met(throughputTarget is null ? null : rate >= throughputTarget)} |"));
        text.AppendLine(Invariant(
            $"| p50 / p99 at concurrency {c} | {bare.LoopCn.Latency.P50Us:0} / {bare.LoopCn.Latency.P99Us:0} µs | {bare.HttpCn.Latency.P50Us:0} / {bare.HttpCn.Latency.P99Us:0} µs | {fulmen.Cn.Latency.P50Us:0} / {fulmen.Cn.Latency.P99Us:0} µs | | | | |"));

        if (fulmen.Alias is { } alias)
        {
            // Against $LATEST measured right after, in the same state of the server.
            var (a1, l1, an, ln) = (alias.AliasC1.Latency, alias.LatestC1.Latency, alias.AliasCn.Latency, alias.LatestCn.Latency);
            text.AppendLine(Invariant(
                $"| warm invoke p50 / p99, concurrency 1: alias, then `$LATEST` again | | | {a1.P50Us:0} / {a1.P99Us:0} µs; {l1.P50Us:0} / {l1.P99Us:0} µs | alias {a1.P50Us - l1.P50Us:+0;-0} µs p50 | | | |"));
            text.AppendLine(Invariant(
                $"| invokes/s, concurrency {c}: alias, then `$LATEST` again | | | {an.PerSecond:#,0}; {ln.PerSecond:#,0} | alias {100 * (an.PerSecond / ln.PerSecond - 1):+0;-0} % | | | |"));
        }

        var start = new MsSample(bare.Cold.StartMs);
        var viaShell = new MsSample(bare.ColdViaShell.StartMs);
        var bareFirst = new MsSample(bare.Cold.FirstInvokeMs);
        var coldAdded = fulmen.Cold.Median - start.Median;
        text.AppendLine(Invariant(
            $"| runtime start, spawn → first /next (median, min) | {start.Median:0.00} ms ({start.Min:0.00}) | | | | | | |"));
        text.AppendLine(Invariant(
            $"| runtime start through `/bin/sh -c exec` (median) | {viaShell.Median:0.00} ms | | | | | | |"));
        text.AppendLine(Invariant(
            $"| cold start: first invoke (median, p90) | {bareFirst.Median:0.00} ms ({bareFirst.P90:0.00}) | | {fulmen.Cold.Median:0.00} ms ({fulmen.Cold.P90:0.00}) | {coldAdded:+0.00;-0.00} ms over the runtime start | | ≤ +{TargetColdAddedMs:0} ms | {Met(coldAdded <= TargetColdAddedMs)} |"));
        text.AppendLine(Invariant(
            $"| first invoke of a fresh server (once) | | | {fulmen.FirstColdMs:0.0} ms | | | | |"));

        text.AppendLine();
        text.AppendLine("CPU per invoke (µs of CPU time, from /proc; \"other\" is everything else on the machine during the phase):");
        text.AppendLine();
        text.AppendLine("| phase | load client | server | runtimes | total | other | machine busy |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        void Cpu(string label, Phase phase) => text.AppendLine(Invariant(
            $"| {label} | {phase.Cpu.ClientUs:0} | {phase.Cpu.ServerUs:0} | {phase.Cpu.RuntimesUs:0} | {phase.Cpu.TotalUs:0} | {phase.Cpu.OtherUs:0} | {phase.Cpu.MachineBusyPercent:0} % |"));
        Cpu("bare loop, concurrency 1 (client = none, server = stand-in + driver)", bare.LoopC1);
        Cpu("bare loop + HTTP front, concurrency 1", bare.HttpC1);
        Cpu("Fulmen, concurrency 1", fulmen.C1);
        Cpu($"bare loop, concurrency {c}", bare.LoopCn);
        Cpu($"bare loop + HTTP front, concurrency {c}", bare.HttpCn);
        Cpu($"Fulmen, concurrency {c}", fulmen.Cn);
        if (fulmen.Alias is { } phases)
        {
            Cpu("Fulmen through an alias, concurrency 1", phases.AliasC1);
            Cpu("Fulmen, `$LATEST` again, concurrency 1", phases.LatestC1);
            Cpu($"Fulmen through an alias, concurrency {c}", phases.AliasCn);
            Cpu($"Fulmen, `$LATEST` again, concurrency {c}", phases.LatestCn);
        }

        var errors = bare.LoopC1.Latency.Errors + bare.HttpC1.Latency.Errors + bare.LoopCn.Latency.Errors + bare.HttpCn.Latency.Errors
            + fulmen.C1.Latency.Errors + fulmen.Cn.Latency.Errors + (fulmen.Alias is { } all ? all.AliasC1.Latency.Errors + all.LatestC1.Latency.Errors + all.AliasCn.Latency.Errors + all.LatestCn.Latency.Errors : 0);
        if (errors > 0)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"**{errors} invokes failed**: the numbers above are not trustworthy; see the server logs in the work directory."));
        }
    }

    private static string Met(bool? met) => met switch
    {
        true => "yes",
        false => "**no**",
        null => "",
    };

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
