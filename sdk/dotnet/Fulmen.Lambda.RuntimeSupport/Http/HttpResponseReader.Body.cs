using System.Buffers.Text;

namespace Fulmen.Lambda.RuntimeSupport.Http;

/// <summary>The three ways a body is framed: a length, chunks, or the end of the connection.</summary>
internal sealed partial class HttpResponseReader
{
    private void ReadExact(long length)
    {
        EnsureBody((int)length);
        CopyIn((int)length);
        BodyLength = (int)length;
    }

    /// <summary>
    /// <paramref name="length"/> body bytes after <see cref="BodyLength"/> (which the caller then moves): first those
    /// already buffered, then straight from the connection into the body, with no copy through the buffer.
    /// </summary>
    private void CopyIn(int length)
    {
        var buffered = Math.Min(length, _end - _start);
        _buffer.AsSpan(_start, buffered).CopyTo(_body.AsSpan(BodyLength));
        _start += buffered;
        var filled = buffered;
        while (filled < length)
        {
            var read = stream.Read(_body, BodyLength + filled, length - filled);
            if (read <= 0)
            {
                throw new RuntimeApiException("The Runtime API closed the connection in the middle of a response body.");
            }
            filled += read;
        }
    }

    private void ReadChunked()
    {
        while (true)
        {
            var line = ReadLine();
            var extension = line.IndexOfAny((byte)';', (byte)' ', (byte)'\t');
            var digits = extension >= 0 ? line[..extension] : line;
            if (!Utf8Parser.TryParse(digits, out long size, out var used, 'x') || used != digits.Length || used == 0 || size > MaxBodyBytes - BodyLength)
            {
                throw new RuntimeApiException("The Runtime API sent an invalid chunk size.");
            }
            if (size == 0)
            {
                // Trailers, if any, up to the empty line.
                while (ReadLine().Length > 0)
                {
                }
                return;
            }
            EnsureBody(BodyLength + (int)size);
            CopyIn((int)size);
            BodyLength += (int)size;
            if (ReadLine().Length != 0)
            {
                throw new RuntimeApiException("The Runtime API sent a chunk longer than its size.");
            }
        }
    }

    private void ReadToEnd()
    {
        while (true)
        {
            var buffered = _end - _start;
            EnsureBody(BodyLength + buffered + 4096);
            _buffer.AsSpan(_start, buffered).CopyTo(_body.AsSpan(BodyLength));
            BodyLength += buffered;
            _start = _end = 0;
            var read = stream.Read(_body, BodyLength, _body.Length - BodyLength);
            if (read <= 0)
            {
                return;
            }
            BodyLength += read;
        }
    }

    private void EnsureBody(int length)
    {
        if (length > _body.Length)
        {
            Array.Resize(ref _body, Math.Max(length, Math.Min(MaxBodyBytes, _body.Length * 2)));
        }
    }
}
