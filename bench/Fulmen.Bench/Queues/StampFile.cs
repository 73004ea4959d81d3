using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Fulmen.Bench.Queues;

/// <summary>
/// The lines the no-op runtime appends with <c>NOOP_STAMP</c> (bench/runtimes/noop-bootstrap.c): "&lt;start_ns&gt;
/// &lt;sent_ns&gt;" per record, both CLOCK_REALTIME, read as they grow. A message's body is <c>stamp:&lt;sent_ns&gt;</c>.
/// </summary>
internal sealed class StampFile(string path)
{
    private long _offset;
    private string _partial = "";

    public string Path => path;

    /// <summary>CLOCK_REALTIME in nanoseconds, as the runtime reads it (DateTime.UtcNow is clock_gettime(CLOCK_REALTIME), 100 ns steps).</summary>
    public static long NowNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    public static string Body(long sentNs) => "stamp:" + sentNs.ToString(CultureInfo.InvariantCulture);

    /// <summary>Records stamped so far: (handler start, sent), in nanoseconds.</summary>
    public List<(long Start, long Sent)> Lines { get; } = [];

    /// <summary>Reads what was appended since the last call; returns how many lines there are now.</summary>
    public int Refresh()
    {
        if (!File.Exists(path))
        {
            return 0;
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_offset, SeekOrigin.Begin);
        var bytes = new byte[stream.Length - _offset];
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        _offset += read;
        var text = _partial + Encoding.ASCII.GetString(bytes, 0, read);
        var last = text.LastIndexOf('\n');
        _partial = text[(last + 1)..];
        foreach (var line in text[..(last + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            Lines.Add((long.Parse(line.AsSpan(0, space), CultureInfo.InvariantCulture), long.Parse(line.AsSpan(space + 1), CultureInfo.InvariantCulture)));
        }
        return Lines.Count;
    }

    /// <summary>
    /// Waits until <paramref name="expected"/> records sent in [<paramref name="fromNs"/>, <paramref name="toNs"/>) are
    /// stamped, or 30 s pass (a lost one must not hang the run); returns their send → handler start latencies in ms, sorted.
    /// </summary>
    public async Task<List<double>> WaitForLatenciesAsync(long fromNs, long toNs, int expected)
    {
        var guard = Stopwatch.StartNew();
        while (true)
        {
            Refresh();
            List<double> latencies = [.. Lines.Where(l => l.Sent >= fromNs && l.Sent < toNs).Select(l => (l.Start - l.Sent) / 1e6)];
            if (latencies.Count >= expected || guard.Elapsed > TimeSpan.FromSeconds(30))
            {
                latencies.Sort();
                return latencies;
            }
            await Task.Delay(100);
        }
    }
}
