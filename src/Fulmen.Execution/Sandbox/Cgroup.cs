using System.Globalization;

namespace Fulmen.Execution.Sandbox;

/// <summary>Small helpers for cgroup interface files, shared by v1 and v2.</summary>
internal static class Cgroup
{
    /// <summary>
    /// Each server keeps its environments under a group named after its process id, so that a server can
    /// tell which groups were left by one that is gone (crashed) and clean them up: see <see cref="RemoveStale"/>.
    /// </summary>
    public static string ServerGroupName { get; } = $"server-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Kills what is left in the groups of servers that no longer run (a crash leaves their runtimes behind)
    /// and removes those groups.
    /// </summary>
    public static void RemoveStale(string fulmenGroup)
    {
        foreach (var server in Directory.EnumerateDirectories(fulmenGroup, "server-*"))
        {
            var pid = Path.GetFileName(server)["server-".Length..];
            if (Directory.Exists(Path.Combine("/proc", pid)))
            {
                continue;
            }
            foreach (var environment in Directory.EnumerateDirectories(server))
            {
                KillAll(Path.Combine(environment, "cgroup.procs"));
                Remove(environment);
            }
            Remove(server);
        }
    }

    public static bool TryWrite(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long? ReadLong(string path)
    {
        try
        {
            return long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A value from a flat-keyed file such as memory.events (<c>key value</c> per line).</summary>
    public static long? ReadKey(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0 && line.AsSpan(0, space).SequenceEqual(key)
                    && long.TryParse(line.AsSpan(space + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>
    /// SIGKILLs every process listed in a cgroup.procs file until none is left. On cgroup v1 the file lists
    /// a process when any of its threads is in the group, and the server's spawner thread visits groups.
    /// </summary>
    public static void KillAll(string procsFile)
    {
        for (var round = 0; round < 50; round++)
        {
            string[] pids;
            try
            {
                pids = File.ReadAllLines(procsFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
            if (pids.Length == 0)
            {
                return;
            }
            foreach (var pid in pids)
            {
                if (int.TryParse(pid, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id != Environment.ProcessId)
                {
                    _ = Native.Kill(id, Native.SIGKILL);
                }
            }
            Thread.Yield();
        }
    }

    /// <summary>Removes an empty group; the kernel refuses while a dying process is still listed, so retry briefly.</summary>
    public static void Remove(string directory)
    {
        for (var attempt = 0; attempt < 250; attempt++)
        {
            try
            {
                Directory.Delete(directory);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(2));
            }
        }
    }
}
