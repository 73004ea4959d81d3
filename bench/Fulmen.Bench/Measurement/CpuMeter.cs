using System.Diagnostics;
using System.Globalization;

namespace Fulmen.Bench.Measurement;

/// <summary>
/// CPU time from /proc, in clock ticks (USER_HZ, 100 a second on Linux): this process (the load client),
/// the server under test, the server's child processes (the runtimes), and the whole machine, so a
/// result can say where the CPU went and how much of it something else on the machine took.
/// </summary>
internal readonly record struct CpuSnapshot(long MachineBusy, long MachineTotal, long Client, long Server, long Runtimes, long Timestamp)
{
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Take(int serverPid)
    {
        var (busy, total) = Machine();
        long runtimes = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (name.Length > 0 && char.IsAsciiDigit(name[0]) && ProcStat.Read(name) is { } stat && stat.ParentPid == serverPid)
            {
                runtimes += stat.Ticks;
            }
        }
        return new CpuSnapshot(busy, total,
            ProcStat.Read(Environment.ProcessId)?.Ticks ?? 0,
            ProcStat.Read(serverPid)?.Ticks ?? 0,
            runtimes, Stopwatch.GetTimestamp());
    }

    /// <summary>CPU per operation between two snapshots, in microseconds, and how busy the machine was.</summary>
    public static CpuUse Between(CpuSnapshot before, CpuSnapshot after, long operations)
    {
        double PerOp(long ticks) => operations == 0 ? 0 : ticks / TicksPerSecond * 1_000_000 / operations;
        var client = after.Client - before.Client;
        var server = after.Server - before.Server;
        var runtimes = after.Runtimes - before.Runtimes;
        var busy = after.MachineBusy - before.MachineBusy;
        var total = after.MachineTotal - before.MachineTotal;
        return new CpuUse(PerOp(client), PerOp(server), PerOp(runtimes), PerOp(Math.Max(0, busy - client - server - runtimes)),
            total == 0 ? 0 : 100.0 * busy / total);
    }

    /// <summary>
    /// Waits (up to <paramref name="patience"/>) until the machine has been less than
    /// <paramref name="busyPercent"/> busy for a whole sampling window: other work on a 2-core machine
    /// moves latencies by more than what is measured. Returns how busy the last window was.
    /// </summary>
    public static async Task<double> WaitForQuietAsync(double busyPercent, TimeSpan patience, TimeSpan? window = null)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var before = Machine();
            await Task.Delay(window ?? TimeSpan.FromMilliseconds(500));
            var after = Machine();
            var total = after.Total - before.Total;
            var busy = total == 0 ? 0 : 100.0 * (after.Busy - before.Busy) / total;
            if (busy < busyPercent || waited.Elapsed > patience)
            {
                return busy;
            }
        }
    }

    /// <summary>The "cpu" line of /proc/stat: busy (all but idle and iowait) and total ticks, all CPUs together.</summary>
    internal static (long Busy, long Total) Machine()
    {
        using var reader = new StreamReader("/proc/stat");
        var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        var idle = fields[3] + fields[4];
        return (total - idle, total);
    }

}

/// <summary>CPU microseconds per operation: the load client, the server, the runtimes, everything else on the machine.</summary>
internal sealed record CpuUse(double ClientUs, double ServerUs, double RuntimesUs, double OtherUs, double MachineBusyPercent)
{
    public double TotalUs => ClientUs + ServerUs + RuntimesUs;
}
