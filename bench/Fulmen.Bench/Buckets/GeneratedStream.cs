namespace Fulmen.Bench.Buckets;

/// <summary>
/// A read-only, forward-only stream of <paramref name="length"/> bytes cycling through one 1 MiB block of random
/// bytes: a large upload's body that is never held in memory and costs the client next to nothing to produce.
/// </summary>
internal sealed class GeneratedStream(long length) : Stream
{
    private static readonly byte[] Block = MakeBlock();
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var left = length - _position;
        if (left <= 0)
        {
            return 0;
        }
        var start = (int)(_position % Block.Length);
        var n = (int)Math.Min(Math.Min(buffer.Length, Block.Length - start), left);
        Block.AsSpan(start, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static byte[] MakeBlock()
    {
        var block = new byte[1024 * 1024];
        new Random(42).NextBytes(block);
        return block;
    }
}
