using System.Globalization;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.ScriptCold;

/// <summary>The Node.js / Python cold-start results as a Markdown table, against the target for a cold start with the pool.</summary>
internal static class ScriptColdReport
{
    /// <summary>A first invoke, client-observed, with a pre-started runtime waiting: at most this much above the handler module's own load.</summary>
    public const double TargetAboveLoadMs = 10;

    public static string Render(string machine, IReadOnlyList<string> calibration, ScriptColdSettings settings, ScriptColdResult result)
    {
        var text = Report.Header(machine, calibration);
        text.AppendLine();
        text.AppendLine(Invariant($"node: `{result.Node}`; python3: `{result.Python}`; 128 MB functions, payload `{ScriptHandler.Payload}`, answer `{ScriptHandler.Expected}`."));
        text.AppendLine();
        var handlers = result.Handlers;
        text.AppendLine(Invariant($"### Node.js and Python cold start ({settings.Samples} samples per row: median / p90 / max)"));
        text.AppendLine();
        text.AppendLine(Invariant($"| measure | {string.Join(" | ", handlers.Select(h => h.Handler.Title))} | target | met |"));
        text.AppendLine(Invariant($"|---|{string.Concat(handlers.Select(_ => "---:|"))}---|---|"));
        void Row(string label, Func<ScriptHandlerResult, string> cell, string target = "", string met = "") =>
            text.AppendLine(Invariant($"| {label} | {string.Join(" | ", handlers.Select(cell))} | {target} | {met} |"));

        Row("**handler module's own load**, timed by the runtime in a fresh process (`require` / `import`)", h => Spread(new MsSample(h.Load.LoadMs)));
        Row("↳ that whole process: spawn → exit (`node -e` / `python3 -c`)", h => Spread(new MsSample(h.Load.ProcessMs)));
        if (handlers.All(h => h.NoPool is not null))
        {
            Row("Fulmen, no pre-started runtime: **first invoke, client-observed**", h => Spread(h.NoPool!.Client));
            Row("↳ REPORT Init Duration / Duration (medians)", h => Invariant($"{h.NoPool!.Init.Median:0.0} / {h.NoPool.Duration.Median:0.0} ms"));
        }
        if (handlers.All(h => h.Pool is not null))
        {
            Row(Invariant($"Fulmen, {settings.PoolSize} pre-started runtime of each kind: **first invoke, client-observed**"), h => Spread(h.Pool!.Client));
            Row("↳ REPORT Init Duration / Duration (medians)", h => Invariant($"{h.Pool!.Init.Median:0.0} / {h.Pool.Duration.Median:0.0} ms"));
            Row("**↳ above the module's own load** (first invoke − module load, medians)", h => Invariant($"**{Above(h):0.0} ms**"),
                Invariant($"≤ {TargetAboveLoadMs:0} ms"), string.Join(" / ", handlers.Select(h => Above(h) <= TargetAboveLoadMs ? "yes" : "**no**")));
            Row("↳ samples that ran in a pre-started runtime (the pool's `taken` counter)", h => Invariant($"{h.Pool!.Samples.Count(s => s.FromPool)} of {h.Pool.Samples.Count}"));
        }
        Row("other work during each cold start, median (max): no pool / pool",
            h => Invariant($"{Other(h.NoPool?.Samples.Select(s => s.Machine.OtherPercent))} / {Other(h.Pool?.Samples.Select(s => s.Machine.OtherPercent))}"));
        var notCold = handlers.Sum(h => (h.NoPool?.NotCold ?? 0) + (h.Pool?.NotCold ?? 0));
        if (notCold > 0)
        {
            text.AppendLine();
            text.AppendLine(Invariant($"{notCold} invokes after a configuration change reused a warm environment (no Init Duration); they were retried and are not counted."));
        }
        return text.ToString();
    }

    private static double Above(ScriptHandlerResult h) => h.Pool!.Client.Median - new MsSample(h.Load.LoadMs).Median;

    private static string Spread(MsSample sample) =>
        sample.Values.Count == 0 ? "–" : Invariant($"{sample.Median:0.00} / {sample.P90:0.00} / {sample.Values.Max():0.00} ms");

    private static string Other(IEnumerable<double>? percents)
    {
        var sample = new MsSample(percents?.ToList() ?? []);
        return sample.Values.Count == 0 ? "–" : Invariant($"{sample.Median:0} % ({sample.Values.Max():0} %)");
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
