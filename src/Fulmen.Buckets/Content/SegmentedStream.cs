using Microsoft.Win32.SafeHandles;

namespace Fulmen.Buckets.Content;

/// <summary>One file of an object's bytes, in order: a single PUT's one file, or one part of a completed multipart upload.</summary>
public sealed record FileSegment(string File, long Size);

/// <summary>
/// A byte range of an object read across its files in order. Every file the range touches is opened before the first
/// byte is read, so an overwrite or delete that removes them afterwards does not cut the read short (an open file
/// stays readable after its name goes).
/// </summary>
public sealed class SegmentedStream : ReadOnlyStream
{
    private readonly List<(SafeFileHandle Handle, long Offset, long Length)> _pieces;
    private int _index;
    private long _done;

    internal SegmentedStream(List<(SafeFileHandle Handle, long Offset, long Length)> pieces) => _pieces = pieces;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_index < _pieces.Count && buffer.Length > 0)
        {
            var (handle, offset, length) = _pieces[_index];
            if (_done >= length)
            {
                _index++;
                _done = 0;
                continue;
            }
            var wanted = (int)Math.Min(buffer.Length, length - _done);
            var read = await RandomAccess.ReadAsync(handle, buffer[..wanted], offset + _done, cancellationToken);
            if (read == 0)
            {
                // Shorter than its metadata says: never written so by this server; end here rather than loop.
                _index = _pieces.Count;
                return 0;
            }
            _done += read;
            return read;
        }
        return 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var piece in _pieces)
            {
                piece.Handle.Dispose();
            }
            _pieces.Clear();
        }
        base.Dispose(disposing);
    }
}
