using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace Fulmen.Execution.Spawning;

/// <summary>
/// Starts processes with posix_spawn on one dedicated thread, without a shell in between.
/// On cgroup v1 a new process starts in the cgroups of the thread that forks it, so the spawner thread
/// moves itself (its TID, through the groups' <c>tasks</c> files) into the environment's groups, spawns,
/// and moves back (<see cref="CgroupWindow"/>): the child is limited from its first instruction, and no
/// other thread of the server ever leaves its own groups. <see cref="ChildReaper"/> then watches the child.
/// </summary>
public static unsafe class Spawner
{
    private sealed record Job(SpawnRequest Request, TaskCompletionSource<ChildProcess> Completion);

    private static readonly BlockingCollection<Job> Jobs = StartThread();

    private static BlockingCollection<Job> StartThread()
    {
        var jobs = new BlockingCollection<Job>();
        new Thread(() => Run(jobs)) { IsBackground = true, Name = "Fulmen spawner" }.Start();
        return jobs;
    }

    public static Task<ChildProcess> SpawnAsync(SpawnRequest request)
    {
        var job = new Job(request, new TaskCompletionSource<ChildProcess>(TaskCreationOptions.RunContinuationsAsynchronously));
        Jobs.Add(job);
        return job.Completion.Task;
    }

    private static void Run(BlockingCollection<Job> jobs)
    {
        CgroupWindow? window = null;
        foreach (var job in jobs.GetConsumingEnumerable())
        {
            try
            {
                window ??= new CgroupWindow();
                job.Completion.SetResult(ChildReaper.Watch(Spawn(job.Request, window)));
            }
            catch (Exception e)
            {
                job.Completion.SetException(e);
            }
        }
    }

    private static int Spawn(SpawnRequest request, CgroupWindow window)
    {
        var strings = new List<nint>();
        var actions = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        var attributes = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        var signals = NativeMemory.AllocZeroed(Libc.OpaqueSize);
        try
        {
            Check(Libc.FileActionsInit(actions), "posix_spawn_file_actions_init");
            Check(Libc.AttrInit(attributes), "posix_spawnattr_init");
            try
            {
                Check(Libc.FileActionsAddOpen(actions, 0, "/dev/null", Libc.O_RDONLY, 0), "addopen");
                Check(Libc.FileActionsAddOpen(actions, 1, request.OutputFile, Libc.O_WRONLY | Libc.O_APPEND | Libc.O_CREAT, 0x1b6 /* 0666 */), "addopen");
                Check(Libc.FileActionsAddDup2(actions, 1, 2), "adddup2");
                Check(Libc.FileActionsAddChdir(actions, request.WorkingDirectory), "addchdir");

                // The server's signal mask and ignored signals (.NET ignores SIGPIPE) must not reach the
                // runtime. Its own process group lets a kill reach the processes it starts.
                Check(Libc.AttrSetFlags(attributes, Libc.POSIX_SPAWN_SETSIGMASK | Libc.POSIX_SPAWN_SETSIGDEF | Libc.POSIX_SPAWN_SETPGROUP), "setflags");
                _ = Libc.SigEmptySet(signals);
                Check(Libc.AttrSetSigmask(attributes, signals), "setsigmask");
                _ = Libc.SigFillSet(signals);
                Check(Libc.AttrSetSigdefault(attributes, signals), "setsigdefault");
                Check(Libc.AttrSetPgroup(attributes, 0), "setpgroup");

                var argv = Terminated(request.Arguments, strings);
                var envp = Terminated(request.Environment.Select(v => $"{v.Key}={v.Value}").ToList(), strings);
                var path = (byte*)Utf8(request.Path, strings);
                var error = window.Spawn(request.Cgroups, out var pid, path, actions, attributes, argv, envp);
                if (error != 0)
                {
                    throw new SpawnException(request.Path, error);
                }
                return pid;
            }
            finally
            {
                _ = Libc.FileActionsDestroy(actions);
                _ = Libc.AttrDestroy(attributes);
            }
        }
        finally
        {
            foreach (var pointer in strings)
            {
                NativeMemory.Free((void*)pointer);
            }
            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(signals);
        }
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new IOException($"posix_spawn: {call}: {Libc.Describe(error)}");
        }
    }

    /// <summary>A NULL-terminated array of C strings, freed with <paramref name="allocations"/>.</summary>
    private static byte** Terminated(IReadOnlyList<string> values, List<nint> allocations)
    {
        var array = (byte**)Utf8Block((values.Count + 1) * sizeof(nint), allocations);
        for (var i = 0; i < values.Count; i++)
        {
            array[i] = (byte*)Utf8(values[i], allocations);
        }
        array[values.Count] = null;
        return array;
    }

    private static nint Utf8(string value, List<nint> allocations)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var buffer = (byte*)Utf8Block(length + 1, allocations);
        Encoding.UTF8.GetBytes(value, new Span<byte>(buffer, length));
        buffer[length] = 0;
        return (nint)buffer;
    }

    private static nint Utf8Block(int bytes, List<nint> allocations)
    {
        var block = (nint)NativeMemory.Alloc((nuint)bytes);
        allocations.Add(block);
        return block;
    }
}
