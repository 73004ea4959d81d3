using System.Globalization;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.Buckets;

/// <summary>The bucket notification benchmark as Markdown (docs/benchmarks.md, "Bucket notifications").</summary>
internal static class BucketNotifyReport
{
    public static string Render(string machine, IReadOnlyList<string> calibration, BucketNotifyResult r)
    {
        var text = Report.Header(machine, calibration);
        text.AppendLine();
        text.AppendLine(I($"### PUT object → notified function: PUT → handler start at {r.Rate:N0} PUTs/s"));
        text.AppendLine();
        text.AppendLine("| load | sent | handled | p50 | p90 | p99 | max | PUT p50 / p99 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        text.AppendLine(I($"| {r.Uptime} | {r.Sent:N0} | {r.Handled:N0} | {r.P50Ms:0.00} ms | {r.P90Ms:0.00} ms | **{r.P99Ms:0.00} ms** | {r.MaxMs:0.0} ms | {r.PutCall.P50Us / 1000:0.00} ms / {r.PutCall.P99Us / 1000:0.00} ms |"));
        return text.ToString();
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
