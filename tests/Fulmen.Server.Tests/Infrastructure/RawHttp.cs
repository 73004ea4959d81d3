using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a bare socket: requests no client library would send (TRACE, CONNECT host:port, a lower-case or
/// 200-letter method) and responses read byte for byte (header values as UTF-8, framing checked by reading the next
/// response on the same connection). Every read has a guard timeout, so a server that hangs fails the test.
/// </summary>
public sealed class RawHttp : IAsyncDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private RawHttp(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public sealed record Response(int Status, string StatusLine, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
    {
        public string Text => Encoding.UTF8.GetString(Body);

        public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

        public override string ToString() => $"{StatusLine}\n{string.Join('\n', Headers.Select(h => $"{h.Key}: {h.Value}"))}\n\n{Text}";
    }

    public static async Task<RawHttp> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
        return new RawHttp(tcp);
    }

    /// <summary>Opens a connection, sends one request, reads its response and closes.</summary>
    public static async Task<Response> OnceAsync(int port, string method, string target, string host)
    {
        await using var connection = await ConnectAsync(port);
        return await connection.SendAsync(method, target, host);
    }

    /// <summary>Sends <c>METHOD target HTTP/1.1</c> with <c>Host</c> and no body; reads the whole response.</summary>
    public Task<Response> SendAsync(string method, string target, string host) =>
        SendRawAsync($"{method} {target} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\n\r\n", method);

    /// <summary>Sends <paramref name="request"/> as it is (request line, headers and any body); reads the whole response.</summary>
    public async Task<Response> SendRawAsync(string request, string method)
    {
        using var guard = new CancellationTokenSource(Guard);
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request), guard.Token);
        var statusLine = Encoding.ASCII.GetString(await ReadLineAsync(guard.Token));
        var status = int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new List<KeyValuePair<string, string>>();
        while (await ReadLineAsync(guard.Token) is { Length: > 0 } line)
        {
            var text = Encoding.UTF8.GetString(line);
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(text[..colon], text[(colon + 1)..].Trim()));
        }
        var response = new Response(status, statusLine, headers, []);
        if (method == "HEAD" || status is 204 or 304 || status < 200)
        {
            return response;
        }
        if (response.Header("transfer-encoding") is "chunked")
        {
            return response with { Body = await ReadChunkedAsync(guard.Token) };
        }
        var length = response.Header("content-length") is { } given ? int.Parse(given, CultureInfo.InvariantCulture) : -1;
        return response with { Body = length >= 0 ? await ReadExactlyAsync(length, guard.Token) : await ReadToEndAsync(guard.Token) };
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken ct)
    {
        var body = new MemoryStream();
        while (true)
        {
            var size = Convert.ToInt32(Encoding.ASCII.GetString(await ReadLineAsync(ct)).Split(';')[0], 16);
            if (size == 0)
            {
                while ((await ReadLineAsync(ct)).Length > 0)
                {
                }
                return body.ToArray();
            }
            body.Write(await ReadExactlyAsync(size, ct));
            await ReadLineAsync(ct);
        }
    }

    private async Task<byte[]> ReadLineAsync(CancellationToken ct)
    {
        var line = new MemoryStream();
        while (true)
        {
            if (_start == _end && !await FillAsync(ct))
            {
                throw new EndOfStreamException($"Connection closed mid-line after: {Encoding.UTF8.GetString(line.ToArray())}");
            }
            var b = _buffer[_start++];
            if (b == '\n')
            {
                var bytes = line.ToArray();
                return bytes is [.., (byte)'\r'] ? bytes[..^1] : bytes;
            }
            line.WriteByte(b);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
    {
        var result = new byte[count];
        var at = 0;
        while (at < count)
        {
            if (_start == _end && !await FillAsync(ct))
            {
                throw new EndOfStreamException($"Connection closed after {at} of {count} body bytes.");
            }
            var take = Math.Min(count - at, _end - _start);
            Array.Copy(_buffer, _start, result, at, take);
            (_start, at) = (_start + take, at + take);
        }
        return result;
    }

    private async Task<byte[]> ReadToEndAsync(CancellationToken ct)
    {
        var body = new MemoryStream();
        do
        {
            body.Write(_buffer, _start, _end - _start);
            _start = _end;
        }
        while (await FillAsync(ct));
        return body.ToArray();
    }

    private async Task<bool> FillAsync(CancellationToken ct)
    {
        _start = 0;
        _end = await _stream.ReadAsync(_buffer, ct);
        return _end > 0;
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
