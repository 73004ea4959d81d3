using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Fulmen.Buckets.Content;

/// <summary>
/// Decodes an <c>aws-chunked</c> body (<c>x-amz-content-sha256: STREAMING-…</c>, which current SDKs send for uploads):
/// <c>{hex size}[;chunk-signature=…]\r\n{bytes}\r\n</c> … <c>0\r\n</c>, then trailer lines such as
/// <c>x-amz-checksum-crc32:…</c> and an empty line. Chunk signatures are not checked here (signatures are the edge's).
/// A reader over the request's own reader: what it yields is a slice of the request's buffers (the data of the current
/// chunk), so the decoded bytes are never copied; the framing is consumed along with the data that follows it.
/// </summary>
public sealed class AwsChunkedReader(PipeReader inner) : PipeReader
{
    private const int MaxLine = 4096;
    private long _remaining;
    private Frame _frame = Frame.Size;
    private bool _done;
    private ReadOnlySequence<byte> _data;

    /// <summary>The trailer's headers, known once the body has been read to its end.</summary>
    public Dictionary<string, string> Trailers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        while (!_done)
        {
            var result = await inner.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            bool framed;
            try
            {
                framed = _remaining != 0 || TryFrame(ref buffer, result.IsCompleted);
            }
            catch (InvalidChunkedBodyException)
            {
                inner.AdvanceTo(result.Buffer.Start, result.Buffer.End); // the server drains the rest of a refused body
                throw;
            }
            if (!framed)
            {
                // Not a whole frame line yet (or the trailer just ended): consume what was parsed, wait for more.
                inner.AdvanceTo(buffer.Start, result.Buffer.End);
                continue;
            }
            if (_done)
            {
                inner.AdvanceTo(buffer.Start);
                break;
            }
            if (buffer.IsEmpty)
            {
                inner.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    throw Malformed(); // the body ended inside a chunk
                }
                continue;
            }
            _data = buffer.Length > _remaining ? buffer.Slice(0, _remaining) : buffer;
            return new ReadResult(_data, isCanceled: false, isCompleted: false);
        }
        return new ReadResult(ReadOnlySequence<byte>.Empty, isCanceled: false, isCompleted: true);
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        if (_data.IsEmpty)
        {
            return; // the empty completed result: nothing of the inner reader is held
        }
        _remaining -= _data.Slice(_data.Start, consumed).Length;
        _data = default;
        inner.AdvanceTo(consumed, examined);
    }

    public override bool TryRead(out ReadResult result) => throw new NotSupportedException();

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null)
    {
        // The request's body reader belongs to the server, which completes it at the end of the request.
    }

    /// <summary>
    /// Reads the framing before the next chunk's data: the CRLF after the previous data, the size line, and after the
    /// last (empty) chunk the trailer up to its empty line or the end of the body. True when data or the end follows;
    /// false when more bytes are needed. <paramref name="buffer"/> then starts after what was parsed.
    /// </summary>
    private bool TryFrame(ref ReadOnlySequence<byte> buffer, bool completed)
    {
        while (true)
        {
            switch (_frame)
            {
                case Frame.DataEnd:
                    if (!TryLine(ref buffer, completed, out var end))
                    {
                        return false;
                    }
                    _frame = end.Length == 0 ? Frame.Size : throw Malformed();
                    break;
                case Frame.Size:
                    if (!TryLine(ref buffer, completed, out var header))
                    {
                        return false;
                    }
                    var semicolon = header.IndexOf(';', StringComparison.Ordinal);
                    var sizeText = (semicolon >= 0 ? header[..semicolon] : header).Trim();
                    if (!long.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                    {
                        throw Malformed();
                    }
                    if (size > 0)
                    {
                        _remaining = size;
                        _frame = Frame.DataEnd;
                        return true;
                    }
                    _frame = Frame.Trailer;
                    break;
                default:
                    if (buffer.IsEmpty && completed)
                    {
                        _done = true; // a body that ends right after the last chunk
                        return true;
                    }
                    if (!TryLine(ref buffer, completed, out var line))
                    {
                        return false;
                    }
                    if (line.Length == 0)
                    {
                        _done = true;
                        return true;
                    }
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0)
                    {
                        Trailers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                    }
                    break;
            }
        }
    }

    /// <summary>One line (without CR LF, bytes as Latin-1) taken off the front of <paramref name="buffer"/>.</summary>
    private static bool TryLine(ref ReadOnlySequence<byte> buffer, bool completed, out string line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> bytes, (byte)'\n'))
        {
            line = "";
            if (completed || buffer.Length > MaxLine)
            {
                throw Malformed();
            }
            return false;
        }
        if (bytes.Length > MaxLine)
        {
            throw Malformed();
        }
        line = Encoding.Latin1.GetString(bytes).TrimEnd('\r');
        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static InvalidChunkedBodyException Malformed() => new();

    private enum Frame
    {
        Size,
        DataEnd,
        Trailer,
    }
}

/// <summary>An <c>aws-chunked</c> body that does not follow the framing (S3 answers <c>IncompleteBody</c>).</summary>
public sealed class InvalidChunkedBodyException : Exception
{
    public InvalidChunkedBodyException() : base("The request body's aws-chunked framing is malformed.")
    {
    }
}
