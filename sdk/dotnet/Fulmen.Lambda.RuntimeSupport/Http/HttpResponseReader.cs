using System.Buffers.Text;
using System.Text;

namespace Fulmen.Lambda.RuntimeSupport.Http;

/// <summary>Receives the headers of a response that the caller wants (all but the framing ones).</summary>
internal interface IResponseHeaders
{
    void Header(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value);
}

/// <summary>
/// Reads HTTP/1.1 responses one after another from one connection to the Runtime API: the status, the headers the
/// caller asks for, and the body (<c>Content-Length</c>, <c>chunked</c>, or up to the end of the connection) into a
/// buffer it keeps and reuses, so that a warm invoke allocates nothing here. Not a general HTTP client: no
/// compression, no trailers kept, no informational responses other than skipped <c>1xx</c>.
/// </summary>
internal sealed partial class HttpResponseReader(Stream stream)
{
    /// <summary>The most a status line and headers may take.</summary>
    public const int MaxHeadBytes = 64 * 1024;

    /// <summary>Far above any Lambda payload: a guard against a corrupt length, not a policy.</summary>
    public const int MaxBodyBytes = 1 << 30;

    // Received bytes not yet consumed are _buffer[_start.._end].
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private byte[] _body = new byte[16 * 1024];

    public int Status { get; private set; }

    /// <summary>Whether the connection may carry the next request (HTTP/1.1 without <c>Connection: close</c>, and a delimited body).</summary>
    public bool KeepAlive { get; private set; }

    /// <summary>Whether any byte of the current response arrived: before that, a failure may be retried on a new connection.</summary>
    public bool Received { get; private set; }

    /// <summary>The body of the last response; valid until the next one is read.</summary>
    public ReadOnlyMemory<byte> Body => _body.AsMemory(0, BodyLength);

    /// <summary>The same as an array segment (the buffer itself, not a copy).</summary>
    public ArraySegment<byte> BodySegment => new(_body, 0, BodyLength);

    public int BodyLength { get; private set; }

    /// <summary>Reads the next response; <paramref name="headers"/> gets each header other than the framing ones.</summary>
    public void Read(IResponseHeaders? headers)
    {
        Received = _end > _start;
        do
        {
            ReadHead(headers, out var contentLength, out var chunked);
            BodyLength = 0;
            if (Status is (>= 100 and < 200) or 204 or 304)
            {
                continue;
            }
            if (chunked)
            {
                ReadChunked();
            }
            else if (contentLength >= 0)
            {
                ReadExact(contentLength);
            }
            else
            {
                ReadToEnd();
                KeepAlive = false;
            }
        }
        while (Status < 200);
    }

    private void ReadHead(IResponseHeaders? headers, out long contentLength, out bool chunked)
    {
        int headEnd;
        while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start >= MaxHeadBytes)
            {
                throw new RuntimeApiException($"The Runtime API sent a response head over {MaxHeadBytes} bytes.");
            }
            Fill();
        }
        var head = _buffer.AsSpan(_start, headEnd + 2);
        _start += headEnd + 4;

        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = head[..lineEnd];
        // "HTTP/1.1 200 OK": the version, then a three-digit status.
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var digits) || digits != 3)
        {
            throw new RuntimeApiException($"The Runtime API sent an invalid status line: '{Encoding.ASCII.GetString(statusLine[..Math.Min(statusLine.Length, 100)])}'.");
        }
        Status = status;
        KeepAlive = statusLine[7] == (byte)'1';
        contentLength = -1;
        chunked = false;
        var rest = head[(lineEnd + 2)..];
        while (rest.Length > 0)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = rest[..lineEnd];
            rest = rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new RuntimeApiException("The Runtime API sent a header line without a name.");
            }
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (name.Length == 14 && Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0 || length > MaxBodyBytes)
                {
                    throw new RuntimeApiException("The Runtime API sent an invalid Content-Length.");
                }
                contentLength = length;
            }
            else if (name.Length == 17 && Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                // The last coding is the one that frames the body.
                var last = value[(value.LastIndexOf((byte)',') + 1)..].Trim(" \t"u8);
                chunked = Ascii.EqualsIgnoreCase(last, "chunked"u8);
            }
            else if (name.Length == 10 && Ascii.EqualsIgnoreCase(name, "Connection"u8))
            {
                if (Ascii.EqualsIgnoreCase(value, "close"u8))
                {
                    KeepAlive = false;
                }
                else if (Ascii.EqualsIgnoreCase(value, "keep-alive"u8))
                {
                    KeepAlive = true;
                }
            }
            else
            {
                headers?.Header(name, value);
            }
        }
    }

    /// <summary>One line without its CRLF; the span is valid until the next read.</summary>
    private ReadOnlySpan<byte> ReadLine()
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            if (_end - _start >= MaxHeadBytes)
            {
                throw new RuntimeApiException("The Runtime API sent a chunk line that does not end.");
            }
            Fill();
        }
        var line = _buffer.AsSpan(_start, end);
        _start += end + 2;
        return line;
    }

    /// <summary>Reads more into the buffer, moving what is unread to its start or growing it first when full.</summary>
    private void Fill()
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            else
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0)
        {
            throw new RuntimeApiException(Received
                ? "The Runtime API closed the connection in the middle of a response."
                : "The Runtime API closed the connection.");
        }
        Received = true;
        _end += read;
    }
}
