using System.Globalization;

namespace Fulmen.Bench.Async;

/// <summary>
/// The CPU time and blocking waits of one thread of this process, by name, from /proc/self/task: for the
/// store's single writer thread, CPU near 100% of a core means SQLite work bounds the rate, far below it
/// means the writer mostly waits for fsync.
/// </summary>
internal sealed class WriterThread(string taskDirectory)
{
    /// <summary>Linux keeps the first 15 bytes of a thread's name.</summary>
    public static WriterThread? Find(string threadName)
    {
        var comm = threadName.Length > 15 ? threadName[..15] : threadName;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == comm)
                {
                    return new WriterThread(task);
                }
            }
            catch (IOException)
            {
                // The thread ended while we looked.
            }
        }
        return null;
    }

    /// <summary>utime + stime in clock ticks (100 a second) and voluntary context switches (each a block: fsync, or waiting for work).</summary>
    public (long Ticks, long VoluntarySwitches) Read()
    {
        var stat = File.ReadAllText(Path.Combine(taskDirectory, "stat"));
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        var switches = File.ReadLines(Path.Combine(taskDirectory, "status"))
            .Where(line => line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
            .Select(line => long.Parse(line.Split(':')[1].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return (ticks, switches);
    }
}
