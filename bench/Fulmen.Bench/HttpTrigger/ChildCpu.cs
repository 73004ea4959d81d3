using System.Globalization;

namespace Fulmen.Bench.HttpTrigger;

/// <summary>
/// CPU time of this process's reaped children (cutime + cstime of /proc/self/stat, in clock ticks): .NET waits
/// for every child it starts, so the delta across one <c>wrk</c> run is what wrk itself used.
/// </summary>
internal static class ChildCpu
{
    public static long Ticks()
    {
        var text = File.ReadAllText("/proc/self/stat");
        // After the command name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
    }

    /// <summary>Child processes of <paramref name="pid"/> right now named <paramref name="command"/> (Fulmen's Node.js environments).</summary>
    public static int Children(int pid, string command)
    {
        var count = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (name.Length == 0 || !char.IsAsciiDigit(name[0]))
            {
                continue;
            }
            try
            {
                var text = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                var comm = text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')];
                if (fields[1] == pid.ToString(CultureInfo.InvariantCulture) && comm == command)
                {
                    count++;
                }
            }
            catch (IOException)
            {
            }
        }
        return count;
    }

    /// <summary>Threads of <paramref name="pid"/> (serverless-offline runs each handler instance in a worker thread).</summary>
    public static int Threads(int pid) =>
        File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status")
            .Where(l => l.StartsWith("Threads:", StringComparison.Ordinal))
            .Select(l => int.Parse(l["Threads:".Length..].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault();
}
