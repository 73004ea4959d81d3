using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;

namespace Fulmen.Execution.Sandbox;

/// <summary>
/// A cgroup counter file kept open and re-read with one pread, because it is read after every invocation
/// (Max Memory Used) and opening it each time costs several system calls on the invoke path.
/// </summary>
internal sealed class CounterFile : IDisposable
{
    private readonly SafeFileHandle? _handle;

    public CounterFile(string path)
    {
        try
        {
            _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _handle = null;
        }
    }

    public bool Exists => _handle is not null;

    public long? Read()
    {
        if (_handle is null)
        {
            return null;
        }
        Span<byte> buffer = stackalloc byte[32];
        try
        {
            var length = RandomAccess.Read(_handle, buffer, 0);
            return Utf8Parser.TryParse(buffer[..length], out long value, out _) ? value : null;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // Disposed: the environment's sandbox was torn down (its runtime died) while an invoke was still reporting.
            return null;
        }
    }

    public void Dispose() => _handle?.Dispose();
}
