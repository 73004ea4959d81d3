namespace Fulmen.Buckets.Content;

/// <summary>At most <c>length</c> bytes of another stream (a byte range of an object file).</summary>
public sealed class LimitedStream(Stream inner, long length) : ReadOnlyStream
{
    private long _left = length;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_left <= 0)
        {
            return 0;
        }
        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _left)], cancellationToken);
        _left -= read;
        return read;
    }
}
