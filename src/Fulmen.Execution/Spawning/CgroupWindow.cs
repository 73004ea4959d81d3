using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Fulmen.Execution.Sandbox;
using Microsoft.Win32.SafeHandles;

namespace Fulmen.Execution.Spawning;

/// <summary>
/// The spawner thread's trip into an environment's cgroup v1 groups and back, around posix_spawn.
/// While the thread is in those groups, every thread it creates lands there too; the .NET runtime
/// creates some threads lazily from whichever thread needs them (a tiered-JIT worker, a thread-pool
/// worker). So the trip runs no managed code at all: files are opened beforehand and libc is called
/// through function pointers, from a method that is compiled once, fully optimized (no call counting).
/// </summary>
internal sealed unsafe class CgroupWindow
{
    private static readonly nint LibcHandle = NativeLibrary.Load("libc.so.6");
    private static readonly delegate* unmanaged<int, byte*, nint, nint> Write =
        (delegate* unmanaged<int, byte*, nint, nint>)NativeLibrary.GetExport(LibcHandle, "write");
    private static readonly delegate* unmanaged<int*, byte*, void*, void*, byte**, byte**, int> PosixSpawn =
        (delegate* unmanaged<int*, byte*, void*, void*, byte**, byte**, int>)NativeLibrary.GetExport(LibcHandle, "posix_spawn");

    private readonly byte[] _tid = Encoding.ASCII.GetBytes(Libc.GetTid().ToString(CultureInfo.InvariantCulture));
    // Where this thread belongs, per controller ("ID:controllers:/path" per hierarchy), read once.
    private readonly Dictionary<string, string> _home = File.ReadAllLines("/proc/thread-self/cgroup")
        .Select(line => line.Split(':', 3))
        .Where(fields => fields.Length == 3)
        .SelectMany(fields => fields[1].Split(',').Select(controller => (controller, path: fields[2])))
        .ToDictionary(entry => entry.controller, entry => entry.path, StringComparer.Ordinal);
    private readonly Dictionary<string, SafeFileHandle> _homeTasks = new(StringComparer.Ordinal);

    public CgroupWindow()
    {
        // Compile the trip now, with nothing to do, on this thread's first use.
        int pid;
        _ = Trip(null, null, 0, null, 0, &pid, null, null, null, null, null);
    }

    /// <summary>posix_spawn from within <paramref name="groups"/>: its error number, or 0 and the pid.</summary>
    public int Spawn(IReadOnlyList<ThreadCgroup> groups, out int pid, byte* path, void* actions, void* attributes, byte** argv, byte** envp)
    {
        var join = new SafeFileHandle[groups.Count];
        var joinFds = stackalloc int[groups.Count];
        var homeFds = stackalloc int[groups.Count];
        try
        {
            for (var i = 0; i < groups.Count; i++)
            {
                join[i] = File.OpenHandle(Path.Combine(groups[i].Group, "tasks"), FileMode.Open, FileAccess.Write);
                joinFds[i] = (int)join[i].DangerousGetHandle();
                homeFds[i] = (int)HomeTasks(groups[i].Hierarchy).DangerousGetHandle();
            }
            int spawned;
            fixed (byte* tid = _tid)
            {
                var result = Trip(joinFds, homeFds, groups.Count, tid, _tid.Length, &spawned, path, actions, attributes, argv, envp);
                pid = spawned;
                return result switch
                {
                    >= 0 => result,
                    JoinFailed => throw new IOException("could not move the spawner thread into the environment's cgroup"),
                    _ => throw LeftBehind(spawned),
                };
            }
        }
        finally
        {
            foreach (var handle in join)
            {
                handle?.Dispose();
            }
        }
    }

    /// <summary>Should never happen (the thread's own groups took it before): stop the process it started and say so.</summary>
    private static InvalidOperationException LeftBehind(int pid)
    {
        ChildReaper.Watch(pid).Kill();
        return new InvalidOperationException($"the spawner thread could not return to its own cgroups after starting process {pid}");
    }

    private SafeFileHandle HomeTasks(string hierarchy)
    {
        if (!_homeTasks.TryGetValue(hierarchy, out var handle))
        {
            var path = _home[Path.GetFileName(hierarchy)].TrimStart('/');
            handle = File.OpenHandle(Path.Combine(hierarchy, path, "tasks"), FileMode.Open, FileAccess.Write);
            _homeTasks[hierarchy] = handle;
        }
        return handle;
    }

    private const int JoinFailed = -1;
    private const int LeaveFailed = -2;

    /// <summary>Joins, spawns, leaves: only libc calls through function pointers in between.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static int Trip(int* joinFds, int* homeFds, int count, byte* tid, nint tidLength, int* pid,
        byte* path, void* actions, void* attributes, byte** argv, byte** envp)
    {
        if (path is null)
        {
            return 0;
        }
        var joined = 0;
        while (joined < count && Write(joinFds[joined], tid, tidLength) == tidLength)
        {
            joined++;
        }
        var result = joined == count ? PosixSpawn(pid, path, actions, attributes, argv, envp) : JoinFailed;
        for (var i = 0; i < joined; i++)
        {
            if (Write(homeFds[i], tid, tidLength) != tidLength)
            {
                result = LeaveFailed;
            }
        }
        return result;
    }
}
