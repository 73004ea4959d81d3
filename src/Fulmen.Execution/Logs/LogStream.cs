using System.Text;
using Fulmen.Execution.Sandbox;
using Microsoft.Win32.SafeHandles;

namespace Fulmen.Execution.Logs;

/// <summary>
/// One environment's log stream file. The runtime appends to it directly (the launcher redirects stdout
/// and stderr); the platform appends START/END/REPORT lines through an O_APPEND handle, so neither
/// writer overwrites the other.
/// </summary>
public sealed class LogStream : IDisposable
{
    private readonly long _maxBytes;
    private readonly SafeFileHandle _handle;

    public LogStream(string path, long maxBytes)
    {
        Path = path;
        _maxBytes = maxBytes;
        var fd = Native.Open(path, Native.O_WRONLY | Native.O_CREAT | Native.O_APPEND | Native.O_CLOEXEC, Convert.ToInt32("644", 8));
        if (fd < 0)
        {
            throw new IOException($"Cannot open log stream {path} (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}).");
        }
        _handle = new SafeFileHandle(fd, ownsHandle: true);
    }

    public string Path { get; }

    public long Length => RandomAccess.GetLength(_handle);

    /// <summary>Appends a platform line. On Linux pwrite to an O_APPEND file always appends, whatever the offset.</summary>
    public void Append(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        RandomAccess.Write(_handle, bytes, 0);
    }

    /// <summary>The last <paramref name="maxBytes"/> bytes written since <paramref name="from"/>, for <c>--log-type Tail</c>.</summary>
    public byte[] ReadTail(long from, int maxBytes)
    {
        var end = Length;
        var start = Math.Max(from, end - maxBytes);
        if (start >= end)
        {
            return [];
        }
        using var reader = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var buffer = new byte[end - start];
        var read = RandomAccess.Read(reader, buffer, start);
        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>
    /// Keeps the stream under its cap between invocations: the older half moves to <c>.1</c> and the file
    /// starts again. Writers use O_APPEND, so they continue at the new end.
    /// </summary>
    public void RotateIfFull()
    {
        if (Length <= _maxBytes)
        {
            return;
        }
        File.Copy(Path, Path + ".1", overwrite: true);
        RandomAccess.SetLength(_handle, 0);
    }

    public void Dispose() => _handle.Dispose();
}
