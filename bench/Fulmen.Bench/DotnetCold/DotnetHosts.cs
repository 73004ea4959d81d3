using System.Diagnostics;
using System.Globalization;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.DotnetCold;

/// <summary>A <c>dotnet …/Fulmen.Lambda.RuntimeHost.dll</c> child of the server, and whether it is still a pre-started host.</summary>
/// <param name="Waiting">Its working directory is the pool's (<c>…/prewarmed</c>): no function has taken it yet (a taken host moves to its code directory).</param>
/// <param name="CpuTicks">utime + stime so far, in clock ticks (10 ms).</param>
/// <param name="Cwd">Its working directory: the function's code directory once it runs one.</param>
internal sealed record HostProcess(int Pid, bool Waiting, long CpuTicks, string? Cwd);

/// <summary>The pool's state as <c>/proc</c> shows it: which .NET hosts the server has, which of them wait, and when the pool is full and idle.</summary>
internal static class DotnetHosts
{
    private const string HostDll = "Fulmen.Lambda.RuntimeHost.dll";

    /// <summary>The server's children that run Fulmen's .NET host (or, given <paramref name="program"/>, another runtime: <c>bootstrap.js</c>).</summary>
    public static List<HostProcess> Of(int serverPid, string program = HostDll)
    {
        var hosts = new List<HostProcess>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
            {
                continue;
            }
            try
            {
                var stat = ProcStat.Read(name);
                if (stat is not { } s || s.ParentPid != serverPid
                    || !File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(program, StringComparison.Ordinal))
                {
                    continue;
                }
                var cwd = new DirectoryInfo(Path.Combine(directory, "cwd")).LinkTarget;
                hosts.Add(new HostProcess(int.Parse(name, CultureInfo.InvariantCulture), cwd?.EndsWith("/prewarmed", StringComparison.Ordinal) == true, s.Ticks, cwd));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while being read.
            }
        }
        return hosts;
    }

    /// <summary>
    /// Waits until <paramref name="size"/> pre-started hosts wait and have used no CPU for 200 ms (a host that is
    /// still warming up burns CPU the whole time); returns them and when the quiet window began (a Stopwatch timestamp).
    /// </summary>
    public static async Task<(List<HostProcess> Hosts, long ReadyAt)> WaitForPoolAsync(int serverPid, int size, TimeSpan timeout, string program = HostDll)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var first = Of(serverPid, program).Where(h => h.Waiting).ToList();
            var at = Stopwatch.GetTimestamp();
            if (first.Count >= size)
            {
                await Task.Delay(200);
                var second = Of(serverPid, program).Where(h => h.Waiting).ToList();
                if (second.Count == first.Count && second.All(h => first.Contains(h)))
                {
                    return (second, at);
                }
            }
            else
            {
                await Task.Delay(50);
            }
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The pool did not hold {size} idle pre-started hosts within {timeout.TotalSeconds:0} s (now: {first.Count}).");
            }
        }
    }

    /// <summary>Waits until none of <paramref name="pids"/> is alive any more (the retired environments' hosts); false on timeout.</summary>
    public static async Task<bool> WaitForExitAsync(IReadOnlyCollection<int> pids, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (pids.Any(pid => ProcStat.Read(pid) is { State: not 'Z' }))
        {
            if (waited.Elapsed > timeout)
            {
                return false;
            }
            await Task.Delay(20);
        }
        return true;
    }

    /// <summary>
    /// CPU ticks of a process with all its children, live (utime + stime) and reaped (cutime + cstime): what a
    /// server and its runtimes used, including runtimes that exited during the phase.
    /// </summary>
    public static long TreeTicks(int pid)
    {
        long total = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (name.Length > 0 && char.IsAsciiDigit(name[0]) && ProcStat.Read(name) is { } s && s.ParentPid == pid)
            {
                total += s.Ticks;
            }
        }
        return total + (ProcStat.Read(pid) is { } own ? own.Ticks + own.ReapedTicks : 0);
    }

}

/// <summary>How busy the machine was during a phase, and how much of it was work other than the benchmark's processes.</summary>
internal sealed record MachineShare(double BusyPercent, double OtherPercent);

/// <summary>Measures <see cref="MachineShare"/> between two points: the whole machine from /proc/stat, ours as process trees.</summary>
internal sealed class MachineMeter
{
    private readonly int[] _trees;
    private readonly (long Busy, long Total) _machine;
    private readonly long _ours;

    private MachineMeter(int[] trees)
    {
        _trees = trees;
        _machine = Machine();
        _ours = trees.Sum(DotnetHosts.TreeTicks);
    }

    /// <summary>Starts measuring; <paramref name="pids"/> are the roots of the benchmark's own trees (this process, the server).</summary>
    public static MachineMeter Start(params int[] pids) => new(pids.Distinct().ToArray());

    public MachineShare Stop()
    {
        var (busy, total) = Machine();
        var ours = _trees.Sum(DotnetHosts.TreeTicks) - _ours;
        var elapsed = Math.Max(1, total - _machine.Total);
        var busyTicks = busy - _machine.Busy;
        return new MachineShare(100.0 * busyTicks / elapsed, 100.0 * Math.Max(0, busyTicks - ours) / elapsed);
    }

    /// <summary>
    /// Before one cold start: waits up to <paramref name="patience"/> for a <paramref name="window"/> in which the
    /// machine was less than <paramref name="busyPercent"/> busy (the builds and tests of others come in bursts);
    /// returns how busy the last window was.
    /// </summary>
    public static Task<double> WaitForQuietAsync(TimeSpan window, double busyPercent, TimeSpan patience) =>
        CpuSnapshot.WaitForQuietAsync(busyPercent, patience, window);

    private static (long Busy, long Total) Machine() => CpuSnapshot.Machine();
}
