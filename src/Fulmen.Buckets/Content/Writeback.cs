using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Fulmen.Buckets.Content;

/// <summary>
/// Starts the disk writing a large file's bytes while the upload is still arriving. Left alone, the kernel keeps them
/// dirty in the page cache (writeback begins at 10 % of memory, gigabytes here), so the fsync before the answer would
/// write the whole object at once: for a 1 GiB PUT that is as long again as receiving it. <c>sync_file_range</c> with
/// <c>SYNC_FILE_RANGE_WRITE</c> only queues the range's writeback and returns; durability still comes from the one
/// fsync at the end, which then finds little left to write. Linux only; elsewhere (or on failure) nothing is done.
/// </summary>
internal static partial class Writeback
{
    /// <summary>How much is written between two kicks: large enough for few calls, small enough to keep the disk busy.</summary>
    public const long StepBytes = 8 * 1024 * 1024;

    private const uint SyncFileRangeWrite = 2;
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Queues the writeback of <paramref name="length"/> bytes from <paramref name="offset"/>.</summary>
    public static void Start(SafeFileHandle file, long offset, long length)
    {
        if (_unavailable)
        {
            return;
        }
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            _ = SyncFileRange((int)file.DangerousGetHandle(), offset, length, SyncFileRangeWrite);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "sync_file_range")]
    private static partial int SyncFileRange(int fd, long offset, long nbytes, uint flags);
}
