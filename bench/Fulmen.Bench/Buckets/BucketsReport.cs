using System.Globalization;
using System.Text;
using System.Text.Json;
using Fulmen.Bench.Bare;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.Buckets;

/// <summary>The S3 benchmark as Markdown and JSON (docs/benchmarks.md, "Buckets (S3)").</summary>
internal static class BucketsReport
{
    /// <summary>Share of the disk's own rate a large transfer should reach.</summary>
    public const double TargetPercentOfDisk = 50;

    /// <summary>Runs the suite for <c>run --s3</c>, prints and saves WORK/s3-results.md and .json; 0 when nothing failed.</summary>
    public static async Task<int> RunAsync(bool quick, string serverDirectory, string work, string? calibrate)
    {
        var machine = Report.Machine(quick ? "--s3 --quick" : "--s3");
        var calibration = calibrate is not null ? await Report.CalibrateAsync(calibrate, work) : [];
        var settings = quick ? BucketsSettings.Quick : BucketsSettings.Full;
        var result = await new BucketsSuite(settings, serverDirectory, work).RunAsync();
        var markdown = Render(machine, calibration, settings, result);
        Console.WriteLine();
        Console.WriteLine(markdown);
        await File.WriteAllTextAsync(Path.Combine(work, "s3-results.md"), markdown);
        await File.WriteAllTextAsync(Path.Combine(work, "s3-results.json"), JsonSerializer.Serialize(new { machine, calibration, settings, result }, BenchJson.Options));
        Console.WriteLine($"Saved {Path.Combine(work, "s3-results.md")} and s3-results.json.");
        return result.Small.All(s => s.Phase.Latency.Errors == 0) ? 0 : 1;
    }

    public static string Render(string machine, IReadOnlyList<string> calibration, BucketsSettings settings, BucketsResult result)
    {
        var text = Report.Header(machine, calibration);
        text.AppendLine();
        text.AppendLine(I($"### {settings.ObjectBytes / 1024} KiB objects ({settings.Clients} closed-loop clients, unsigned path-style requests)"));
        text.AppendLine();
        text.AppendLine("| operation | load | **requests/s** | p50 / p99 | errors | server CPU / request | client CPU / request | machine busy |");
        text.AppendLine("|---|---|---:|---|---:|---:|---:|---:|");
        foreach (var s in result.Small)
        {
            var l = s.Phase.Latency;
            text.AppendLine(I($"| {s.Operation} | {s.Uptime} | **{l.PerSecond:N0}** | {l.P50Us / 1000:0.00} ms / {l.P99Us / 1000:0.00} ms | {l.Errors} | {s.Phase.Cpu.ServerUs:0} µs | {s.Phase.Cpu.ClientUs:0} µs | {s.Phase.Cpu.MachineBusyPercent:0} % |"));
        }
        text.AppendLine();
        var d = result.Disk;
        text.AppendLine(I($"### One {settings.LargeBytes / (1024 * 1024)} MiB object (MB = 10^6 bytes)"));
        text.AppendLine();
        text.AppendLine(I($"Disk of the work directory, dd bs=1M: write (conv=fdatasync) {d.WriteMBps:0} MB/s; read with O_DIRECT (iflag=direct, past the page cache) {d.DirectReadMBps:0} MB/s; read through the page cache {d.CachedReadMBps:0} MB/s."));
        text.AppendLine();
        text.AppendLine(I($"| transfer | load | seconds | **MB/s** | compared with | its MB/s | **% of it** (target ≥ {TargetPercentOfDisk:0} %) | server CPU |"));
        text.AppendLine("|---|---|---:|---:|---|---:|---:|---:|");
        foreach (var r in result.Large)
        {
            var verdict = r.PercentOfDisk >= TargetPercentOfDisk ? "" : " (below)";
            text.AppendLine(I($"| {r.Operation} | {r.Uptime} | {r.Seconds:0.00} | **{r.MBps:0}** | {r.ComparedWith} | {r.DiskMBps:0} | **{r.PercentOfDisk:0} %**{verdict} | {r.ServerCpuSeconds:0.00} s |"));
        }
        return text.ToString();
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
