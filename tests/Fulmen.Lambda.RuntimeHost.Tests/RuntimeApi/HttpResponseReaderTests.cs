using System.Text;
using Fulmen.Lambda.RuntimeSupport.Http;

namespace Fulmen.Lambda.RuntimeHost.Tests.RuntimeApi;

/// <summary>How the Runtime API client frames responses: lengths, chunks, reads that split anywhere, big bodies, bad input.</summary>
public sealed class HttpResponseReaderTests
{
    /// <summary>A connection that hands out its bytes at most <c>slice</c> at a time, as TCP may.</summary>
    private sealed class SlicedStream(byte[] data, int slice) : Stream
    {
        private int _position;

        public int Reads { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            var n = Math.Min(Math.Min(count, slice), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class Headers : IResponseHeaders
    {
        public List<(string Name, string Value)> All { get; } = [];

        public void Header(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
            All.Add((Encoding.ASCII.GetString(name), Encoding.UTF8.GetString(value)));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static HttpResponseReader Reader(byte[] data, int slice = int.MaxValue) => new(new SlicedStream(data, slice));

    public static TheoryData<int> Slices => new() { 1, 2, 3, 7, 64, 4096, int.MaxValue };

    [Theory]
    [MemberData(nameof(Slices))]
    public void ContentLength_BodyAndHeaders_AreRead_HoweverTheBytesArrive(int slice)
    {
        var reader = Reader(Bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: 8476a536\r\ncontent-length: 13\r\nLambda-Runtime-Deadline-Ms:  1700000000000 \r\n\r\n{\"hello\":\"x\"}"), slice);
        var headers = new Headers();
        reader.Read(headers);
        Assert.Equal(200, reader.Status);
        Assert.True(reader.KeepAlive);
        Assert.Equal("{\"hello\":\"x\"}", Encoding.UTF8.GetString(reader.Body.Span));
        Assert.Equal([("Content-Type", "application/json"), ("Lambda-Runtime-Aws-Request-Id", "8476a536"), ("Lambda-Runtime-Deadline-Ms", "1700000000000")], headers.All);
    }

    [Theory]
    [MemberData(nameof(Slices))]
    public void Chunked_WithExtensionsAndTrailers_IsJoined(int slice)
    {
        var reader = Reader(Bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;name=value\r\n,\r\nA\r\n world 123\r\n0\r\nX-Trailer: yes\r\n\r\n"), slice);
        reader.Read(null);
        Assert.Equal("hello, world 123", Encoding.UTF8.GetString(reader.Body.Span));
        Assert.True(reader.KeepAlive);
    }

    [Fact]
    public void Responses_BackToBack_InOneRead_AreReadInTurn()
    {
        var reader = Reader(Bytes("HTTP/1.1 202 Accepted\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n"));
        reader.Read(null);
        Assert.Equal((202, "{\"status\":\"OK\"}"), (reader.Status, Encoding.UTF8.GetString(reader.Body.Span)));
        reader.Read(null);
        Assert.Equal((200, "abc"), (reader.Status, Encoding.UTF8.GetString(reader.Body.Span)));
        reader.Read(null);
        Assert.Equal((204, 0), (reader.Status, reader.BodyLength));
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1460)]
    [InlineData(65536)]
    public void SixMegabytes_ByContentLength_ArriveWhole(int slice)
    {
        var body = new byte[6 * 1024 * 1024];
        new Random(6).NextBytes(body);
        var reader = Reader(Concat(Bytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n"), body, Bytes("HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok")), slice);
        reader.Read(null);
        Assert.True(body.AsSpan().SequenceEqual(reader.Body.Span));
        reader.Read(null);
        Assert.Equal("ok", Encoding.UTF8.GetString(reader.Body.Span));
    }

    [Fact]
    public void SixMegabytes_Chunked_ArriveWhole()
    {
        var body = new byte[6 * 1024 * 1024];
        new Random(7).NextBytes(body);
        var framed = new MemoryStream();
        framed.Write(Bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"));
        for (var at = 0; at < body.Length; at += 100_000)
        {
            var size = Math.Min(100_000, body.Length - at);
            framed.Write(Bytes($"{size:x}\r\n"));
            framed.Write(body, at, size);
            framed.Write(Bytes("\r\n"));
        }
        framed.Write(Bytes("0\r\n\r\n"));
        var reader = Reader(framed.ToArray(), 8192);
        reader.Read(null);
        Assert.True(body.AsSpan().SequenceEqual(reader.Body.Span));
    }

    [Fact]
    public void NoLength_BodyRunsToTheEnd_AndTheConnectionIsNotKept()
    {
        var reader = Reader(Bytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end"), 4);
        reader.Read(null);
        Assert.Equal("until the end", Encoding.UTF8.GetString(reader.Body.Span));
        Assert.False(reader.KeepAlive);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", true)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", true)]
    public void KeepAlive_FollowsVersionAndConnectionHeader(string response, bool keepAlive)
    {
        var reader = Reader(Bytes(response));
        reader.Read(null);
        Assert.Equal(keepAlive, reader.KeepAlive);
    }

    [Fact]
    public void Continue_IsSkipped()
    {
        var reader = Reader(Bytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\nok"));
        reader.Read(null);
        Assert.Equal((202, "ok"), (reader.Status, Encoding.UTF8.GetString(reader.Body.Span)));
    }

    [Theory]
    [InlineData(400, "Bad Request", "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}")]
    [InlineData(413, "Payload Too Large", "{\"errorType\":\"RequestEntityTooLarge\"}")]
    [InlineData(500, "Internal Server Error", "")]
    public void ErrorStatuses_AreReadWithTheirBodies(int status, string reason, string body)
    {
        var reader = Reader(Bytes($"HTTP/1.1 {status} {reason}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n{body}"));
        reader.Read(null);
        Assert.Equal((status, body), (reader.Status, Encoding.UTF8.GetString(reader.Body.Span)));
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", true)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Len", true)]
    [InlineData("", false)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel", true)]
    public void Truncated_IsAnError_ThatSaysWhetherAnythingArrived(string response, bool received)
    {
        var reader = Reader(Bytes(response));
        Assert.Throws<RuntimeApiException>(() => reader.Read(null));
        Assert.Equal(received, reader.Received);
    }

    [Theory]
    [InlineData("SMTP/1.1 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n")]
    public void Malformed_IsAnError(string response)
    {
        Assert.Throws<RuntimeApiException>(() => Reader(Bytes(response)).Read(null));
    }

    [Fact]
    public void HeadOverTheLimit_IsAnError()
    {
        var reader = Reader(Bytes("HTTP/1.1 200 OK\r\nX-Big: " + new string('a', HttpResponseReader.MaxHeadBytes) + "\r\n\r\n"), 4096);
        Assert.Throws<RuntimeApiException>(() => reader.Read(null));
    }
}
