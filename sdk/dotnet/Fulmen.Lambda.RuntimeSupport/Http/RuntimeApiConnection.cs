using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fulmen.Lambda.RuntimeSupport.Http;

/// <summary>
/// One kept-alive HTTP/1.1 connection to the Runtime API, with blocking socket calls on the caller's thread: the loop
/// asks one thing at a time, and a blocking <c>recv</c> wakes the waiting thread directly, where asynchronous I/O
/// would pass every reply through the runtime's epoll thread and the thread pool. A request that fails on a reused
/// connection before any byte of its answer arrived (the peer closed the idle connection) is sent once more on a
/// new one, as HttpClient does; the Runtime API's requests are safe to repeat then, since none was seen whole.
/// </summary>
internal sealed class RuntimeApiConnection : IDisposable
{
    // Bodies up to this size go out in the same send as the head.
    private const int CoalesceBytes = 32 * 1024;

    private readonly string _endpoint;
    private readonly byte[] _hostHeader;
    private byte[] _request = new byte[CoalesceBytes + 1024];
    private Socket? _socket;
    private HttpResponseReader? _reader;

    /// <param name="endpoint"><c>host:port</c>, as in <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    public RuntimeApiConnection(string endpoint)
    {
        _endpoint = endpoint;
        _hostHeader = Encoding.ASCII.GetBytes($"Host: {endpoint}\r\n");
    }

    /// <summary>
    /// Sends one request and reads its answer; the reader holds the status and body until the next request.
    /// <paramref name="cancellationToken"/> closes the connection, which ends a blocked wait.
    /// </summary>
    public HttpResponseReader Send(ReadOnlySpan<byte> method, ReadOnlySpan<byte> path, ReadOnlySpan<byte> pathTail,
        ReadOnlySpan<byte> extraHeaders, ReadOnlySpan<byte> body, IResponseHeaders? headers, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var head = WriteHead(method, path, pathTail, extraHeaders, body);
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((RuntimeApiConnection)state!).Close(), this)
            : default;
        for (var attempt = 0; ; attempt++)
        {
            var reused = _socket is not null;
            var socket = _socket ?? Connect();
            var reader = _reader!;
            try
            {
                if (body.Length <= CoalesceBytes)
                {
                    body.CopyTo(_request.AsSpan(head));
                    SendAll(socket, _request.AsSpan(0, head + body.Length));
                }
                else
                {
                    SendAll(socket, _request.AsSpan(0, head));
                    SendAll(socket, body);
                }
                reader.Read(headers);
                if (!reader.KeepAlive)
                {
                    Close();
                }
                return reader;
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                Close();
                cancellationToken.ThrowIfCancellationRequested();
                if (!reused || attempt > 0 || reader.Received)
                {
                    throw e as RuntimeApiException ?? new RuntimeApiException($"The Runtime API at {_endpoint} broke the connection: {e.Message}", e);
                }
            }
        }
    }

    /// <summary>The request line and headers into <see cref="_request"/>; returns their length.</summary>
    private int WriteHead(ReadOnlySpan<byte> method, ReadOnlySpan<byte> path, ReadOnlySpan<byte> pathTail, ReadOnlySpan<byte> extraHeaders, ReadOnlySpan<byte> body)
    {
        var needed = method.Length + path.Length + pathTail.Length + _hostHeader.Length + extraHeaders.Length + 64 + Math.Min(body.Length, CoalesceBytes);
        if (needed > _request.Length)
        {
            _request = new byte[needed];
        }
        var span = _request.AsSpan();
        var at = 0;
        void Put(ReadOnlySpan<byte> bytes, Span<byte> target)
        {
            bytes.CopyTo(target[at..]);
            at += bytes.Length;
        }
        Put(method, span);
        Put(" /2018-06-01/"u8, span);
        Put(path, span);
        Put(pathTail, span);
        Put(" HTTP/1.1\r\n"u8, span);
        Put(_hostHeader, span);
        Put(extraHeaders, span);
        if (method[0] == (byte)'P')
        {
            Put("Content-Length: "u8, span);
            Utf8Formatter.TryFormat(body.Length, span[at..], out var written);
            at += written;
            Put("\r\n"u8, span);
        }
        Put("\r\n"u8, span);
        return at;
    }

    private Socket Connect()
    {
        var (host, port) = Split(_endpoint);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (IPAddress.TryParse(host, out var address))
            {
                socket.Connect(new IPEndPoint(address, port));
            }
            else
            {
                socket.Connect(host, port);
            }
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new RuntimeApiException($"Could not connect to the Runtime API at {_endpoint}: {e.Message}", e);
        }
        _socket = socket;
        _reader = new HttpResponseReader(new NetworkStream(socket, ownsSocket: false));
        return socket;
    }

    private static (string Host, int Port) Split(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is <= 0 or > 65535)
        {
            throw new RuntimeApiException($"The Runtime API endpoint '{endpoint}' is not host:port.");
        }
        var host = endpoint[..colon];
        return (host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host, port);
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            bytes = bytes[socket.Send(bytes)..];
        }
    }

    /// <summary>Drops the connection (also from another thread, to end a blocked wait); the next request opens a new one.</summary>
    public void Close()
    {
        var socket = Interlocked.Exchange(ref _socket, null);
        if (socket is null)
        {
            return;
        }
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        socket.Dispose();
    }

    public void Dispose() => Close();
}
