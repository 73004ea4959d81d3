using System.Globalization;
using System.Text;

namespace Fulmen.Bench.HttpTrigger;

/// <summary>The HTTP-trigger results as Markdown, against the targets.</summary>
internal static class HttpTriggerReport
{
    /// <summary>Fulmen's requests/s over serverless-offline's, at least.</summary>
    public const double TargetRateRatio = 2;
    /// <summary>Fulmen's p99 over serverless-offline's, at most.</summary>
    public const double TargetP99Ratio = 0.5;

    public static string Render(string machine, HttpTriggerSettings settings, HttpTriggerResult result, string offlineVersions)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Machine: {machine}"));
        text.AppendLine();
        text.AppendLine(Invariant($"Load: `wrk -t{settings.Threads} -c{settings.Connections} -d{settings.Seconds:0}s --latency` (after {settings.WarmupSeconds:0} s of the same load on each server), {settings.Rounds} round(s), alternating which server goes first; the Invoke API row is the same Fulmen function under `POST /2015-03-31/functions/hello/invocations` (body `{{}}`), for reference."));
        text.AppendLine(Invariant($"Fulmen: `GET {result.FulmenUrl}` (nodejs20.x, function URL, AuthType NONE). serverless-offline ({offlineVersions}): `GET {result.OfflineUrl}` (httpApi event, default worker-thread runner; {result.OfflineThreadsIdle} threads before load)."));
        text.AppendLine();
        AppendTargets(text, result.Phases);
        text.AppendLine();
        text.AppendLine("| round | server | requests/s | p50 | p90 | p99 | max | failed | CPU per request: wrk | server process | its child processes | other | machine busy | environments after |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var p in result.Phases)
        {
            var w = p.Wrk;
            var environments = p.Server != HttpTriggerSuite.OfflineName
                ? Invariant($"{p.Environments} Node.js processes")
                : Invariant($"{p.Environments} threads in 1 process");
            text.AppendLine(Invariant(
                $"| {p.Round} | {p.Server} | {w.PerSecond:#,0} | {w.P50Ms:0.00} ms | {w.P90Ms:0.00} ms | {w.P99Ms:0.00} ms | {w.MaxMs:0.0} ms | {w.Failures} | {p.WrkUs:0} µs | {p.Cpu.ServerUs:0} µs | {p.Cpu.RuntimesUs:0} µs | {p.Cpu.OtherUs:0} µs | {p.Cpu.MachineBusyPercent:0} % | {environments} |"));
        }
        return text.ToString();
    }

    private static void AppendTargets(StringBuilder text, IReadOnlyList<HttpPhase> phases)
    {
        var fulmen = phases.Where(p => p.Server == HttpTriggerSuite.FulmenName).ToList();
        var offline = phases.Where(p => p.Server == HttpTriggerSuite.OfflineName).ToList();
        if (fulmen.Count == 0 || offline.Count == 0)
        {
            return;
        }
        // Medians over the rounds (with two rounds, their mean).
        var (fRate, oRate) = (Median(fulmen.Select(p => p.Wrk.PerSecond)), Median(offline.Select(p => p.Wrk.PerSecond)));
        var (fP99, oP99) = (Median(fulmen.Select(p => p.Wrk.P99Ms)), Median(offline.Select(p => p.Wrk.P99Ms)));
        var rateRatio = oRate > 0 ? fRate / oRate : 0;
        var p99Ratio = oP99 > 0 ? fP99 / oP99 : double.PositiveInfinity;
        text.AppendLine("| target (Fulmen function URL vs serverless-offline, same run) | Fulmen | serverless-offline | ratio | met |");
        text.AppendLine("|---|---:|---:|---:|---|");
        text.AppendLine(Invariant($"| requests/s ≥ {TargetRateRatio:0}× | {fRate:#,0} | {oRate:#,0} | {rateRatio:0.00}× | {Met(rateRatio >= TargetRateRatio)} |"));
        text.AppendLine(Invariant($"| p99 ≤ ½ | {fP99:0.00} ms | {oP99:0.00} ms | {p99Ratio:0.00}× | {Met(p99Ratio <= TargetP99Ratio)} |"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
