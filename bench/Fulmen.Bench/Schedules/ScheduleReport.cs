using System.Globalization;

namespace Fulmen.Bench.Schedules;

/// <summary>The schedule benchmark as Markdown, with its target (docs/benchmarks.md, "Schedules").</summary>
internal static class ScheduleReport
{
    public const double TargetP99Ms = 1000;

    public static string Render(string machine, IReadOnlyList<string> calibration, IReadOnlyList<SchedulePhaseResult> phases)
    {
        var text = Report.Header(machine, calibration);
        text.AppendLine();
        text.AppendLine("### Schedule engine: 10,000 schedules at rate(1 minute), real clock, SQLite");
        text.AppendLine();
        text.AppendLine("| phase | seconds | ticks fired / due | failed | lag p50 | lag p99 | lag max | CPU per 1,000 ticks |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var phase in phases)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {Describe(phase.Name)} | {phase.Seconds:0} | {phase.Fired:N0} / {phase.Expected:N0} | {phase.Failed} | {phase.P50Ms:0.0} ms | **{phase.P99Ms:0.0} ms** | {phase.MaxMs:0.0} ms | {phase.CpuSecondsPerThousandTicks * 1000:0} ms |"));
        }
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Target: lag p99 ≤ {TargetP99Ms:0} ms in both phases."));
        return text.ToString();
    }

    private static string Describe(string name) => name == "burst" ? "burst (all 10,000 due at the same instant each minute)" : "spread (due times spread over the minute)";
}
