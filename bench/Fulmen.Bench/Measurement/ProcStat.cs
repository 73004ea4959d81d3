using System.Globalization;

namespace Fulmen.Bench.Measurement;

/// <summary>
/// The fields of one process's <c>/proc/PID/stat</c> the benchmarks use: its state, its parent, and its CPU in clock
/// ticks (10 ms), its own (utime + stime) and that of its children it reaped (cutime + cstime).
/// </summary>
internal readonly record struct ProcStat(char State, int ParentPid, long Ticks, long ReapedTicks)
{
    public static ProcStat? Read(int pid) => Read(pid.ToString(CultureInfo.InvariantCulture));

    /// <summary>Null when the process is gone (or was never there).</summary>
    public static ProcStat? Read(string pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name is in parentheses and may hold spaces; after it: state(0) ppid(1) … utime(11) stime(12)
        // cutime(13) cstime(14).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return new ProcStat(fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture), Field(11) + Field(12), Field(13) + Field(14));
    }
}
