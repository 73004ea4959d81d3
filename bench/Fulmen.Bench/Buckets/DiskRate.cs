using System.Diagnostics;
using System.Globalization;

namespace Fulmen.Bench.Buckets;

/// <param name="WriteMBps">dd from /dev/zero with conv=fdatasync: the bytes are on the disk when dd ends, as the server's are before it answers a PUT.</param>
/// <param name="DirectReadMBps">dd of that file with iflag=direct: O_DIRECT goes past the page cache, the disk's own read rate without root rights to drop caches.</param>
/// <param name="CachedReadMBps">dd of the same file through the page cache, where the file just written still is, as the object the download reads just after its upload.</param>
internal sealed record DiskRates(long Bytes, double WriteMBps, double DirectReadMBps, double CachedReadMBps);

/// <summary>The disk's own rates next to the server's data, measured with dd in the same run (MB = 10^6 bytes, as dd counts).</summary>
internal static class DiskRate
{
    public static async Task<DiskRates> MeasureAsync(string directory, long bytes)
    {
        var file = Path.Combine(directory, "dd-probe.bin");
        var count = (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);
        try
        {
            var write = await DdAsync(bytes, "if=/dev/zero", $"of={file}", "bs=1M", $"count={count}", "conv=fdatasync");
            var direct = await DdAsync(bytes, $"if={file}", "of=/dev/null", "bs=1M", "iflag=direct");
            var cached = await DdAsync(bytes, $"if={file}", "of=/dev/null", "bs=1M");
            return new DiskRates(bytes, write, direct, cached);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs dd and answers MB/s over the wall time of the whole process (process start is far below the noise).</summary>
    private static async Task<double> DdAsync(long bytes, params string[] arguments)
    {
        var start = new ProcessStartInfo("dd") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var began = Stopwatch.GetTimestamp();
        using var process = Process.Start(start)!;
        var report = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = Stopwatch.GetElapsedTime(began).TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dd {string.Join(' ', arguments)} failed: {report}");
        }
        Measurement.PhaseMeter.Log($"  dd {string.Join(' ', arguments)}: {report.Trim().Split('\n')[^1]}");
        return bytes / 1e6 / seconds;
    }
}
