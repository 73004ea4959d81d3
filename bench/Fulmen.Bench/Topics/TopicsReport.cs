using System.Globalization;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.Topics;

/// <summary>The topics benchmark as Markdown (docs/benchmarks.md, "Topics").</summary>
internal static class TopicsReport
{
    public static string Render(string machine, IReadOnlyList<string> calibration, TopicsSettings settings, IReadOnlyList<TopicsResult> results)
    {
        var text = Report.Header(machine, calibration);
        text.AppendLine();
        text.AppendLine(I($"### Publish → {settings.Subscriptions} subscriptions with filter policies ({settings.Clients} closed-loop clients, one message a call)"));
        text.AppendLine();
        text.AppendLine("| endpoints | load | publishes/s accepted | Publish p50 / p99 | deliveries | **deliveries/s** | publish → handler start p50 / p99 |");
        text.AppendLine("|---|---|---:|---|---:|---:|---|");
        foreach (var r in results)
        {
            var handler = r.P50Ms is { } p50 ? I($"{p50:0.0} ms / {r.P99Ms:0.0} ms") : "—";
            text.AppendLine(I($"| {r.Subscriptions} × {r.Protocol} | {r.Uptime} | {r.PublishedPerSecond:N0} | {Ms(r.PublishCall.P50Us)} / {Ms(r.PublishCall.P99Us)} | {r.Delivered:N0} of {r.Published * r.Subscriptions:N0} | **{r.DeliveredPerSecond:N0}** | {handler} |"));
        }
        return text.ToString();
    }

    private static string Ms(double us) => I($"{us / 1000:0.00} ms");

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
