using System.Net.Sockets;
using System.Text;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>
/// Broken HTTP framing sent over a bare socket, where no HTTP client would go: lengths that lie, broken chunks,
/// control characters and raw UTF-8 in the request line and headers, unusual methods (CONNECT, TRACE), oversized
/// lines. The server may close the connection or answer 4xx; it must never answer 5xx without a body, nor hang.
/// </summary>
internal static class RawFraming
{
    /// <param name="OwnPort">A listener's own port (ALB), which a generated DeleteListener may have closed.</param>
    public sealed record RawCase(string Label, int Port, byte[] Bytes, bool Complete, bool Front, bool OwnPort);

    public static RawCase Generate(FuzzResources r, int edgePort, Random random)
    {
        var (where, prefix, port) = random.Next(4) switch
        {
            0 => ("Lambda API", "/2015-03-31/functions/fz-fn/invocations", edgePort),
            1 => ("function URL", $"/_aws/lambda-url/{r.UrlId}/raw", edgePort),
            2 => ("REST API", $"/_aws/execute-api/{r.RestApiId}/{r.RestStage}/raw", edgePort),
            _ => ("ALB", "/raw", r.ListenerPort),
        };
        var front = where != "Lambda API";
        var host = $"Host: 127.0.0.1:{port}\r\n";
        (string label, string text, bool complete) = random.Next(16) switch
        {
            0 => ("Content-Length longer than the body", $"POST {prefix} HTTP/1.1\r\n{host}Content-Length: 100\r\n\r\n{{\"a\":1}}", false),
            1 => ("Content-Length shorter than the body", $"POST {prefix} HTTP/1.1\r\n{host}Content-Length: 3\r\nConnection: close\r\n\r\n{{\"a\":1}}GARBAGE", true),
            2 => ("Content-Length and chunked", $"POST {prefix} HTTP/1.1\r\n{host}Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n", true),
            3 => ("a chunk size that is not hex", $"POST {prefix} HTTP/1.1\r\n{host}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", true),
            4 => ("an unterminated chunked body", $"POST {prefix} HTTP/1.1\r\n{host}Transfer-Encoding: chunked\r\n\r\n5\r\nab", false),
            5 => ("a header line without a colon", $"GET {prefix} HTTP/1.1\r\n{host}NoColonHere\r\nConnection: close\r\n\r\n", true),
            6 => ("a control character in a header value", $"GET {prefix} HTTP/1.1\r\n{host}X-Ctl: a\u0001b\u007f\r\nConnection: close\r\n\r\n", true),
            7 => ("raw UTF-8 in the path and a header", $"GET {prefix}/café HTTP/1.1\r\n{host}X-Name: café ☃\r\nCookie: k=日本\r\nConnection: close\r\n\r\n", true),
            8 => ("a request line that is not HTTP", "GARBAGE\r\n\r\n", true),
            9 => ("the HTTP/2 preface on HTTP/1.1", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", true),
            10 => ("a 70 KB header", $"GET {prefix} HTTP/1.1\r\n{host}X-Big: {new string('b', 70_000)}\r\nConnection: close\r\n\r\n", true),
            11 => ("a 100 KB URL", $"GET {prefix}?{new string('u', 100_000)} HTTP/1.1\r\n{host}Connection: close\r\n\r\n", true),
            12 => ("CONNECT", $"CONNECT 127.0.0.1:{port} HTTP/1.1\r\n{host}Connection: close\r\n\r\n", true),
            13 => ("TRACE", $"TRACE {prefix} HTTP/1.1\r\n{host}Connection: close\r\n\r\n", true),
            14 => ("no Host header", $"GET {prefix} HTTP/1.1\r\nConnection: close\r\n\r\n", true),
            _ => ("an obsolete folded header", $"GET {prefix} HTTP/1.1\r\n{host}X-Fold: a\r\n  b\r\nConnection: close\r\n\r\n", true),
        };
        return new RawCase($"raw {where}: {label}", port, Encoding.UTF8.GetBytes(text), complete, front, port != edgePort);
    }

    /// <summary>What came back: the status line's code (0 when the server closed without answering), or null on no answer in time.</summary>
    public static async Task<(int? Status, string Text)> SendAsync(RawCase raw)
    {
        using var socket = new TcpClient();
        try
        {
            await socket.ConnectAsync("127.0.0.1", raw.Port);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return (FuzzClient.Refused, "");
        }
        var stream = socket.GetStream();
        using var patience = new CancellationTokenSource(raw.Complete ? FuzzClient.Patience : TimeSpan.FromSeconds(3));
        var received = new MemoryStream();
        try
        {
            await stream.WriteAsync(raw.Bytes, patience.Token);
            var buffer = new byte[16_384];
            int n;
            while ((n = await stream.ReadAsync(buffer, patience.Token)) > 0 && received.Length < 1 << 20)
            {
                received.Write(buffer, 0, n);
            }
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            // An incomplete request may be left waiting for the rest of it; a complete one must be answered.
            if (received.Length == 0)
            {
                return (raw.Complete ? null : 0, "");
            }
        }
        catch (IOException)
        {
            // Reset by the server: a refusal, not a failure.
        }
        var text = Encoding.UTF8.GetString(received.ToArray());
        return (text.Length >= 12 && text.StartsWith("HTTP/1.", StringComparison.Ordinal) && int.TryParse(text.AsSpan(9, 3), out var status) ? status : 0, text);
    }
}
