using System.Runtime.InteropServices;

namespace Fulmen.Execution.Sandbox;

/// <summary>The few libc calls .NET does not expose.</summary>
internal static partial class Native
{
    public const int SIGKILL = 9;
    public const int O_WRONLY = 0x1;
    public const int O_CREAT = 0x40;
    public const int O_APPEND = 0x400;
    public const int O_CLOEXEC = 0x80000;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    public const int RLIMIT_DATA = 2;

    [StructLayout(LayoutKind.Sequential)]
    public readonly record struct Rlimit(long Current, long Maximum);

    [LibraryImport("libc", EntryPoint = "prlimit", SetLastError = true)]
    public static partial int Prlimit(int pid, int resource, in Rlimit limit, IntPtr old);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "fallocate", SetLastError = true)]
    public static partial int Fallocate(int fd, int mode, long offset, long length);
}
