using System.Globalization;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.RuntimeClients;

/// <summary>The runtime client benchmark as Markdown (docs/benchmarks.md, "Runtime clients").</summary>
internal static class RuntimeClientsReport
{
    public static string Render(string machine, IReadOnlyList<string> calibration, RuntimeClientSettings settings, RuntimeClientsResult result, string versions)
    {
        var text = Report.Header(machine, calibration);
        text.AppendLine();
        text.AppendLine(I($"{versions}. {result.LoadBefore} before the run, {result.LoadAfter} after it."));
        foreach (var concurrency in result.Phases.Select(p => p.Concurrency).Distinct())
        {
            text.AppendLine();
            text.AppendLine(I($"### Concurrency {concurrency}: {settings.Count:N0} warm invokes a round, {settings.Rounds} round(s), median [min–max] over the rounds"));
            text.AppendLine();
            text.AppendLine("| client | runtime processes | runtime CPU / invoke | server CPU / invoke | load client CPU / invoke | p50 | invokes/s | other work on the machine | load |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var c in result.Cases)
            {
                var phases = result.Phases.Where(p => p.Key == c.Key && p.Concurrency == concurrency).ToList();
                if (phases.Count == 0)
                {
                    continue;
                }
                text.AppendLine(I($"| {c.Title} | {phases.Max(p => p.Environments)} | **{Range(phases, p => p.RuntimeUs)}** | {Range(phases, p => p.ServerUs)} | {Range(phases, p => p.ClientUs)} | {Range(phases, p => p.Latency.P50Us)} | {Median(phases.Select(p => p.Latency.PerSecond)):N0} | {Median(phases.Select(p => p.OtherPercent)):0}% | {phases[^1].Load} |"));
            }
        }
        return text.ToString();
    }

    private static string Range(List<ClientPhase> phases, Func<ClientPhase, double> value)
    {
        var values = phases.Select(value).ToList();
        return values.Count == 1 ? I($"{values[0]:0} µs") : I($"{Median(values):0} µs [{values.Min():0}–{values.Max():0}]");
    }

    private static double Median(IEnumerable<double> values) => new MsSample(values.ToList()).Median;

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
