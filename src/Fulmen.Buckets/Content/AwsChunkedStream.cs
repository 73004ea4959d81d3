using System.Text;

namespace Fulmen.Buckets.Content;

/// <summary>
/// Decodes an <c>aws-chunked</c> body (<c>x-amz-content-sha256: STREAMING-…</c>, which current SDKs send for uploads):
/// <c>{hex size}[;chunk-signature=…]\r\n{bytes}\r\n</c> … <c>0\r\n</c>, then trailer lines such as
/// <c>x-amz-checksum-crc32:…</c> and an empty line. Chunk signatures are not checked here (signatures are the edge's).
/// </summary>
public sealed class AwsChunkedStream(Stream inner) : ReadOnlyStream
{
    private const int MaxLine = 4096;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private long _remaining;
    private bool _afterData;
    private bool _done;

    /// <summary>The trailer's headers (lower-case names), known once the stream has been read to its end.</summary>
    public Dictionary<string, string> Trailers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_done || destination.Length == 0)
        {
            return 0;
        }
        if (_remaining == 0)
        {
            if (_afterData && (await ReadLineAsync(cancellationToken)).Length != 0)
            {
                throw Malformed();
            }
            var header = await ReadLineAsync(cancellationToken);
            var semicolon = header.IndexOf(';', StringComparison.Ordinal);
            var sizeText = (semicolon >= 0 ? header[..semicolon] : header).Trim();
            if (!long.TryParse(sizeText, System.Globalization.NumberStyles.AllowHexSpecifier, null, out var size) || size < 0)
            {
                throw Malformed();
            }
            if (size == 0)
            {
                await ReadTrailerAsync(cancellationToken);
                _done = true;
                return 0;
            }
            _remaining = size;
            _afterData = true;
        }
        if (_start == _end && !await FillAsync(cancellationToken))
        {
            throw Malformed();
        }
        var count = (int)Math.Min(Math.Min(destination.Length, _remaining), _end - _start);
        _buffer.AsMemory(_start, count).CopyTo(destination);
        _start += count;
        _remaining -= count;
        return count;
    }

    private async Task ReadTrailerAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                return; // a body that ends right after the last chunk
            }
            var line = await ReadLineAsync(cancellationToken);
            if (line.Length == 0)
            {
                return;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                Trailers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end && !await FillAsync(cancellationToken))
            {
                throw Malformed();
            }
            var b = _buffer[_start++];
            if (b == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }
            if (line.Length >= MaxLine)
            {
                throw Malformed();
            }
            line.Append((char)b);
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await inner.ReadAsync(_buffer, cancellationToken);
        return _end > 0;
    }

    private static InvalidChunkedBodyException Malformed() => new();
}

/// <summary>An <c>aws-chunked</c> body that does not follow the framing (S3 answers <c>IncompleteBody</c>).</summary>
public sealed class InvalidChunkedBodyException : Exception
{
    public InvalidChunkedBodyException() : base("The request body's aws-chunked framing is malformed.")
    {
    }
}
