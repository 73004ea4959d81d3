using System.Globalization;
using System.Text;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.DotnetCold;

/// <summary>The C# cold-start results as Markdown tables, against the target for a cold start with the pool.</summary>
internal static class DotnetColdReport
{
    /// <summary>A C# function's first invoke, client-observed, when a pre-started host is waiting.</summary>
    public const double TargetPoolColdMs = 30;

    public static string Render(string machine, IReadOnlyList<string> calibration, DotnetColdSettings settings, DotnetColdResult result)
    {
        var text = Report.Header(machine, calibration);
        text.AppendLine();
        text.AppendLine(Invariant($"Host: `{result.Dotnet} {result.HostDll}`; function: bench/functions/dotnet-noop (`dotnet publish -c Release`), runtime dotnet10, 128 MB; payload `{DotnetHandler.Payload}`."));
        text.AppendLine();
        AppendCold(text, settings, result);
        text.AppendLine();
        AppendHostCpu(text, settings, result);
        AppendWarm(text, settings, result);
        return text.ToString();
    }

    private static void AppendCold(StringBuilder text, DotnetColdSettings settings, DotnetColdResult result)
    {
        var handlers = result.Handlers;
        if (result.RuntimeAloneMs is null && handlers.All(h => h.Bare is null && h.NoPool is null && h.Pool is null))
        {
            return; // Only the host CPU phase ran.
        }
        text.AppendLine(Invariant($"### C# cold start ({settings.Samples} samples per row: median / p90 / max)"));
        text.AppendLine();
        text.AppendLine(Invariant($"| measure | {string.Join(" | ", handlers.Select(h => h.Handler.Title))} | target | met |"));
        text.AppendLine(Invariant($"|---|{string.Concat(handlers.Select(_ => "---:|"))}---|---|"));

        void Row(string label, Func<HandlerResult, string> cell, string target = "", string met = "") =>
            text.AppendLine(Invariant($"| {label} | {string.Join(" | ", handlers.Select(cell))} | {target} | {met} |"));

        if (result.RuntimeAloneMs is { } aloneMs)
        {
            var alone = Spread(new MsSample(aloneMs));
            Row(".NET runtime + host alone: spawn → exit (no Runtime API, no function)", _ => alone);
        }
        if (handlers.All(h => h.Bare is not null))
        {
            Row("bare stand-in: spawn → first `/next` (runtime, host, function assembly and handler set-up)", h => Spread(new MsSample(h.Bare!.StartMs)));
            Row("**bare stand-in: spawn → first `/response`** (the floor of a cold start)", h => Spread(new MsSample(h.Bare!.FirstResponseMs)));
        }
        if (handlers.All(h => h.NoPool is not null))
        {
            Row("Fulmen, no pool: **first invoke, client-observed**", h => Spread(h.NoPool!.Client));
            Row("↳ REPORT Init Duration (environment created → first `/next`)", h => Spread(h.NoPool!.Init));
            Row("↳ REPORT Duration (the first invocation itself)", h => Spread(h.NoPool!.Duration));
        }
        if (handlers.All(h => h.Pool is not null))
        {
            Row(Invariant($"Fulmen, {settings.PoolSize} pre-started hosts: **first invoke, client-observed**"), h => Spread(h.Pool!.Client),
                Invariant($"≤ {TargetPoolColdMs:0} ms (median)"), string.Join(" / ", handlers.Select(h => h.Pool!.Client.Median <= TargetPoolColdMs ? "yes" : "**no**")));
            Row("↳ REPORT Init Duration (environment created → first `/next`)", h => Spread(h.Pool!.Init));
            Row("↳ REPORT Duration (the first invocation itself)", h => Spread(h.Pool!.Duration));
            Row("↳ samples that ran in a pre-started host", h => Invariant($"{h.Pool!.Samples.Count(s => s.FromPool)} of {h.Pool.Samples.Count}"));
            Row("↳ pool refill: invoke start → a replacement host warm and waiting", h => Spread(new MsSample(h.Pool!.Samples.Where(s => s.RefillMs is not null).Select(s => s.RefillMs!.Value).ToList())));
            Row("↳ CPU a replacement host uses to start and warm up", h => Spread(new MsSample(h.Pool!.Samples.Where(s => s.RefillCpuMs is not null).Select(s => s.RefillCpuMs!.Value).ToList())));
        }
        Row("first invoke after CreateFunction (once; the first handler's is the server's first): no pool / pool",
            h => Invariant($"{Ms(h.NoPool?.First.ClientMs)} / {Ms(h.Pool?.First.ClientMs)}"));
        Row("machine busy (other work) over the phase: bare / no pool / pool",
            h => Invariant($"{Share(h.Bare?.Machine)} / {Share(h.NoPool?.Machine)} / {Share(h.Pool?.Machine)}"));
        Row("other work during each cold start, median (max): bare / no pool / pool",
            h => Invariant($"{Other(h.Bare?.OtherPercent)} / {Other(h.NoPool?.Samples.Select(s => s.Machine.OtherPercent))} / {Other(h.Pool?.Samples.Select(s => s.Machine.OtherPercent))}"));
        var notCold = handlers.Sum(h => (h.NoPool?.NotCold ?? 0) + (h.Pool?.NotCold ?? 0));
        if (notCold > 0)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"{notCold} invokes after a configuration change reused a warm environment (no Init Duration); they were retried and are not counted."));
        }
    }

    /// <summary>The host's own CPU per warm invoke against the stand-in; target ≤ <see cref="TargetHostCpuUs"/> µs for the stream handler.</summary>
    private static void AppendHostCpu(StringBuilder text, DotnetColdSettings settings, DotnetColdResult result)
    {
        var handlers = result.Handlers.Where(h => h.HostCpu is not null && h.HostCpuN is not null).ToList();
        if (handlers.Count == 0)
        {
            return;
        }
        var n = settings.Concurrency;
        text.AppendLine(Invariant($"### The .NET host's CPU per warm invoke (bare stand-in; {settings.HostInvokes:#,0} invokes after 2 × {settings.Warmup:#,0} per host: one host, then {n} hosts at once)"));
        text.AppendLine();
        text.AppendLine(Invariant($"| measure | {string.Join(" | ", handlers.Select(h => h.Handler.Title))} |"));
        text.AppendLine(Invariant($"|---|{string.Concat(handlers.Select(_ => "---:|"))}"));
        void Row(string label, Func<HandlerResult, string> cell) =>
            text.AppendLine(Invariant($"| {label} | {string.Join(" | ", handlers.Select(cell))} |"));
        Row(Invariant($"**host CPU per invoke**, 1 host / {n} hosts (`/proc/PID/stat` utime + stime ÷ invokes; target ≤ {TargetHostCpuUs:0} µs for the stream handler)"),
            h => Invariant($"**{h.HostCpu!.HostCpuUs:0} / {h.HostCpuN!.HostCpuUs:0} µs**"));
        Row(Invariant($"stand-in and load loops (this process), CPU per invoke, 1 / {n}"), h => Invariant($"{h.HostCpu!.BenchCpuUs:0} / {h.HostCpuN!.BenchCpuUs:0} µs"));
        Row(Invariant($"invokes/s, 1 / {n}"), h => Invariant($"{h.HostCpu!.PerSecond:#,0} / {h.HostCpuN!.PerSecond:#,0}"));
        Row(Invariant($"machine busy (other work) over the phase, 1 / {n}"), h => Invariant($"{Share(h.HostCpu!.Machine)} / {Share(h.HostCpuN!.Machine)}"));
        text.AppendLine();
    }

    /// <summary>What one warm invoke of a <c>Stream</c> no-op may cost the host.</summary>
    public const double TargetHostCpuUs = 100;

    private static void AppendWarm(StringBuilder text, DotnetColdSettings settings, DotnetColdResult result)
    {
        var warm = result.Handlers.Where(h => h.Warm is not null).Select(h => h.Warm!).ToList();
        if (result.Provided is { } provided)
        {
            warm.Add(provided);
        }
        if (warm.Count == 0)
        {
            return;
        }
        var n = settings.Concurrency;
        text.AppendLine(Invariant($"### Warm invokes (no pool; concurrency 1: {settings.Count:#,0} in a row after {settings.Warmup:#,0}; concurrency {n}: {settings.Seconds:0} s after {settings.WarmupSeconds:0} s)"));
        text.AppendLine();
        text.AppendLine(Invariant($"| measure | {string.Join(" | ", warm.Select(w => w.Title))} |"));
        text.AppendLine(Invariant($"|---|{string.Concat(warm.Select(_ => "---:|"))}"));
        void Row(string label, Func<WarmResult, string> cell) =>
            text.AppendLine(Invariant($"| {label} | {string.Join(" | ", warm.Select(cell))} |"));
        Row("warm p50 / p99, concurrency 1", w => Invariant($"{w.C1.Latency.P50Us:0} / {w.C1.Latency.P99Us:0} µs"));
        Row("invokes/s, concurrency 1", w => Invariant($"{w.C1.Latency.PerSecond:#,0}"));
        Row(Invariant($"**invokes/s, concurrency {n}**"), w => Invariant($"**{w.Cn.Latency.PerSecond:#,0}**"));
        Row(Invariant($"p50 / p99, concurrency {n}"), w => Invariant($"{w.Cn.Latency.P50Us:0} / {w.Cn.Latency.P99Us:0} µs"));
        Row(Invariant($"CPU per invoke, concurrency {n}: server / runtimes / load client"), w => Invariant($"{w.Cn.Cpu.ServerUs:0} / {w.Cn.Cpu.RuntimesUs:0} / {w.Cn.Cpu.ClientUs:0} µs"));
        Row("CPU per invoke, concurrency 1: server / runtimes / load client", w => Invariant($"{w.C1.Cpu.ServerUs:0} / {w.C1.Cpu.RuntimesUs:0} / {w.C1.Cpu.ClientUs:0} µs"));
        Row(Invariant($"machine busy (other work per invoke), concurrency 1 / {n}"), w => Invariant($"{w.C1.Cpu.MachineBusyPercent:0} % ({w.C1.Cpu.OtherUs:0} µs) / {w.Cn.Cpu.MachineBusyPercent:0} % ({w.Cn.Cpu.OtherUs:0} µs)"));
        var errors = warm.Sum(w => w.C1.Latency.Errors + w.Cn.Latency.Errors);
        if (errors > 0)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"**{errors} invokes failed**: the numbers above are not trustworthy; see the server logs in the work directory."));
        }
    }

    private static string Spread(MsSample sample) =>
        sample.Values.Count == 0 ? "–" : Invariant($"{sample.Median:0.0} / {sample.P90:0.0} / {sample.Values.Max():0.0} ms");

    private static string Other(IEnumerable<double>? percents)
    {
        var sample = new MsSample(percents?.ToList() ?? []);
        return sample.Values.Count == 0 ? "–" : Invariant($"{sample.Median:0} % ({sample.Values.Max():0} %)");
    }

    private static string Share(MachineShare? share) => share is null ? "–" : Invariant($"{share.BusyPercent:0} % ({share.OtherPercent:0} %)");

    private static string Ms(double? value) => value is { } ms ? Invariant($"{ms:0.0} ms") : "–";

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
