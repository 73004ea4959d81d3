using System.Globalization;
using System.Text;

namespace Fulmen.Bench.Async;

/// <summary>The asynchronous-invocation results as Markdown, against the targets of the async issue.</summary>
internal static class AsyncReport
{
    /// <summary>Events a second accepted (each 202 sent once the event is on disk), with at most this p99.</summary>
    public const double TargetEnqueuePerSecond = 50_000;
    public const double TargetEnqueueP99Ms = 5;
    /// <summary>Drain rate of a warm no-op function's backlog over its synchronous invokes/s at the same concurrency.</summary>
    public const double TargetBusyRatio = 0.80;

    public static string Render(string machine, IReadOnlyList<string> calibration, AsyncResult result)
    {
        var text = Report.Header(machine, calibration);
        text.AppendLine();
        AppendTargets(text, result);
        text.AppendLine();
        AppendStore(text, result.Store);
        text.AppendLine();
        AppendHttp(text, result.Http);
        text.AppendLine();
        AppendEndToEnd(text, result.EndToEnd);
        return text.ToString();
    }

    private static bool MeetsEnqueue(Measurement.LatencyStats l) => l.PerSecond >= TargetEnqueuePerSecond && l.P99Us / 1000 <= TargetEnqueueP99Ms;

    private static void AppendTargets(StringBuilder text, AsyncResult result)
    {
        text.AppendLine("### Asynchronous invocation against the targets");
        text.AppendLine();
        text.AppendLine("| target | measured | met |");
        text.AppendLine("|---|---|---|");
        var held = result.Http.Where(h => h.Mode == EnqueueMode.Held).ToList();
        if (held.Count > 0)
        {
            text.AppendLine(Invariant(
                $"| ≥ {TargetEnqueuePerSecond:#,0} events/s accepted over HTTP with p99 ≤ {TargetEnqueueP99Ms:0} ms | {string.Join("; ", held.Select(h => Invariant($"{h.Concurrency} clients: {h.Phase.Latency.PerSecond:#,0}/s, p99 {Ms(h.Phase.Latency.P99Us)}")))} | {Met(held.Any(h => MeetsEnqueue(h.Phase.Latency)))} |"));
        }
        if (result.Store.Count > 0)
        {
            text.AppendLine(Invariant(
                $"| the same in the store alone (no HTTP) | {string.Join("; ", result.Store.Select(s => Invariant($"{s.Producers} producers: {s.Phase.Latency.PerSecond:#,0}/s, p99 {Ms(s.Phase.Latency.P99Us)}")))} | {Met(result.Store.Any(s => MeetsEnqueue(s.Phase.Latency)))} |"));
        }
        var e2e = result.EndToEnd;
        text.AppendLine(Invariant(
            $"| dispatch keeps a warm no-op ≥ {100 * TargetBusyRatio:0} % as busy as synchronous invokes | {100 * e2e.BusyRatio:0} % ({e2e.Drain.ReadyPerSecond:#,0} drained/s ÷ {e2e.Sync.Latency.PerSecond:#,0} sync invokes/s, concurrency {e2e.DispatchConcurrency}) | {Met(e2e.BusyRatio >= TargetBusyRatio)} |"));
    }

    private static void AppendStore(StringBuilder text, IReadOnlyList<StoreResult> results)
    {
        text.AppendLine(Invariant($"### Durable enqueue in the store alone (IQueueStore.AppendAsync in-process, {EventPayload.Bytes.Length}-byte payload, durable commits)"));
        text.AppendLine();
        text.AppendLine("| store | producers | events/s | p50 | p99 | p99.9 | writer thread CPU | CPU per event (process) | other (PostgreSQL's own processes here) | machine busy | WAL file after |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var l = r.Phase.Latency;
            text.AppendLine(Invariant(
                $"| {r.Backend} | {r.Producers} | {l.PerSecond:#,0} | {Ms(l.P50Us)} | {Ms(l.P99Us)} | {Ms(l.P999Us)} | {r.WriterBusyPercent:0} % of a core | {r.Phase.Cpu.ClientUs:0.0} µs | {r.Phase.Cpu.OtherUs:0.0} µs | {r.Phase.Cpu.MachineBusyPercent:0} % | {r.WalMegabytes:0} MB |"));
        }
    }

    private static void AppendHttp(StringBuilder text, IReadOnlyList<HttpEnqueueResult> results)
    {
        text.AppendLine("### Durable enqueue over HTTP (`fulmen serve`, Event invokes, 202 once on disk)");
        text.AppendLine();
        text.AppendLine("| dispatch | clients | events/s | p50 | p99 | p99.9 | errors | CPU per event: load client | server | other | machine busy | control-plane writes beside it (median / max) | WAL file after |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var l = r.Phase.Latency;
            var mode = r.Mode switch
            {
                EnqueueMode.Held => "held (enqueue alone)",
                EnqueueMode.HeldWithControlWrites => "held, a PutFunctionConcurrency every 0.5 s",
                _ => "function at reserved concurrency 0",
            };
            var writes = r.ControlWrites is { } w ? Invariant($"{w.Median:0} / {w.Values.DefaultIfEmpty().Max():0} ms ({w.Values.Count})") : "";
            text.AppendLine(Invariant(
                $"| {mode} | {r.Concurrency} | {l.PerSecond:#,0} | {Ms(l.P50Us)} | {Ms(l.P99Us)} | {Ms(l.P999Us)} | {l.Errors} | {r.Phase.Cpu.ClientUs:0} µs | {r.Phase.Cpu.ServerUs:0} µs | {r.Phase.Cpu.OtherUs:0} µs | {r.Phase.Cpu.MachineBusyPercent:0} % | {writes} | {r.WalMegabytes:0} MB |"));
        }
    }

    private static void AppendEndToEnd(StringBuilder text, EndToEndResult e2e)
    {
        var (sync, drain) = (e2e.Sync, e2e.Drain);
        var n = e2e.DispatchConcurrency;
        text.AppendLine(Invariant($"### End to end: a warm no-op function, synchronous invokes vs draining an async backlog (concurrency {n})"));
        text.AppendLine();
        text.AppendLine("| measure | synchronous invokes | async drain |");
        text.AppendLine("|---|---:|---:|");
        text.AppendLine(Invariant($"| invokes (events) a second | {sync.Latency.PerSecond:#,0} | **{drain.ReadyPerSecond:#,0}** while ≥ {n} events were ready ({drain.ReadySeconds:0.0} s); {drain.PerSecond:#,0} over the whole drain ({drain.Seconds:0.0} s) |"));
        text.AppendLine(Invariant($"| dispatch busy ratio (drain ÷ sync) | | **{100 * e2e.BusyRatio:0} %** (whole drain: {100 * (sync.Latency.PerSecond > 0 ? drain.PerSecond / sync.Latency.PerSecond : 0):0} %) |"));
        text.AppendLine(Invariant($"| time a slot holds per event ({n} ÷ rate) | {Ms(n / Math.Max(1, sync.Latency.PerSecond) * 1e6)} | {Ms(n / Math.Max(1, drain.ReadyPerSecond) * 1e6)} |"));
        text.AppendLine(Invariant($"| CPU per event: server | {sync.Cpu.ServerUs:0} µs | {drain.Cpu.ServerUs:0} µs |"));
        text.AppendLine(Invariant($"| CPU per event: runtimes | {sync.Cpu.RuntimesUs:0} µs | {drain.Cpu.RuntimesUs:0} µs |"));
        text.AppendLine(Invariant($"| CPU per event: load client (async: the queue probe) | {sync.Cpu.ClientUs:0} µs | {drain.Cpu.ClientUs:0} µs |"));
        text.AppendLine(Invariant($"| CPU per event: other work on the machine | {sync.Cpu.OtherUs:0} µs | {drain.Cpu.OtherUs:0} µs |"));
        text.AppendLine(Invariant($"| machine busy | {sync.Cpu.MachineBusyPercent:0} % | {drain.Cpu.MachineBusyPercent:0} % |"));
        text.AppendLine();
        text.AppendLine(Invariant(
            $"Backlog: {drain.Backlog:#,0} events enqueued in {drain.Enqueue.Count / Math.Max(1, drain.Enqueue.PerSecond):0.0} s ({drain.Enqueue.PerSecond:#,0}/s, p99 {Ms(drain.Enqueue.P99Us)}) while gate invocations held all {n} dispatch slots, then drained in {drain.Seconds:0.0} s after the gate opened; {drain.Succeeded:#,0} succeeded. WAL file at the end: {drain.WalMegabytes:0} MB."));
        if (drain.Remaining > 0)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"**{drain.Remaining:#,0} events were still queued when the drain was given up**: the drain rate above is not trustworthy; see the server log in the work directory."));
        }
        var errors = sync.Latency.Errors + drain.Enqueue.Errors;
        if (errors > 0)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"**{errors} requests failed**: see the server logs in the work directory."));
        }
    }

    private static string Ms(double us) => Invariant($"{us / 1000:0.00} ms");

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
