using System.Globalization;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.Events;

/// <summary>The event bus benchmark as Markdown (docs/benchmarks.md, "Event buses").</summary>
internal static class EventsReport
{
    public static string Render(string machine, IReadOnlyList<string> calibration, EventsSettings settings, EventsSuiteResult result)
    {
        var text = Report.Header(machine, calibration);
        text.AppendLine();
        text.AppendLine(I($"### PutEvents → Lambda target: send → handler start at {settings.LatencyRate:N0} events/s (one entry a call)"));
        text.AppendLine();
        text.AppendLine("| rules on the bus | load | sent | handled | p50 | p90 | p99 | max | PutEvents p50 / p99 |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var l in result.Latency)
        {
            text.AppendLine(I($"| {l.Rules:N0} | {l.Uptime} | {l.Sent:N0} | {l.Handled:N0} | {l.P50Ms:0.00} ms | {l.P90Ms:0.00} ms | **{l.P99Ms:0.00} ms** | {l.MaxMs:0.0} ms | {Ms(l.PutCall.P50Us)} / {Ms(l.PutCall.P99Us)} |"));
        }
        text.AppendLine();
        text.AppendLine(I($"### PutEvents → Lambda target: accepted events/s ({settings.Clients} closed-loop clients, {settings.EntriesPerCall} entries a call)"));
        text.AppendLine();
        text.AppendLine("| rules on the bus | load | accepted events/s | PutEvents p50 | p99 | server + runtimes CPU per event |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|");
        foreach (var t in result.Throughput)
        {
            text.AppendLine(I($"| {t.Rules:N0} | {t.Uptime} | **{t.AcceptedPerSecond:N0}** | {Ms(t.PutCall.P50Us)} | {Ms(t.PutCall.P99Us)} | {t.CpuPerEvent.ServerUs + t.CpuPerEvent.RuntimesUs:0} µs |"));
        }
        return text.ToString();
    }

    private static string Ms(double us) => I($"{us / 1000:0.00} ms");

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
