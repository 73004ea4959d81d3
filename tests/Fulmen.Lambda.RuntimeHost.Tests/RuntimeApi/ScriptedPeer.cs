using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fulmen.Lambda.RuntimeHost.Tests.RuntimeApi;

/// <summary>A loopback HTTP/1.1 peer that answers requests in order from a script, and records them.</summary>
internal sealed class ScriptedPeer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Queue<(Func<Request, string> Answer, bool Close)> _script = new();
    private readonly List<Request> _requests = [];
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closedOne = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _scripted = new(0);
    private readonly CancellationTokenSource _stop = new();
    private int _connections;

    public ScriptedPeer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public int Connections => Volatile.Read(ref _connections);

    public Task FirstRequest => _firstRequest.Task;

    public Task ClosedOne => _closedOne.Task;

    public List<Request> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Reply(Func<Request, string> answer, bool closeAfter = false)
    {
        lock (_script)
        {
            _script.Enqueue((answer, closeAfter));
        }
        _scripted.Release();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    int headEnd;
                    while ((headEnd = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf("\r\n\r\n"u8)) < 0)
                    {
                        var n = await stream.ReadAsync(chunk);
                        if (n == 0)
                        {
                            return;
                        }
                        buffer.Write(chunk, 0, n);
                    }
                    var head = Encoding.ASCII.GetString(buffer.GetBuffer(), 0, headEnd + 4);
                    var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                    var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                    while (buffer.Length < headEnd + 4 + length)
                    {
                        var n = await stream.ReadAsync(chunk);
                        if (n == 0)
                        {
                            return;
                        }
                        buffer.Write(chunk, 0, n);
                    }
                    var all = buffer.ToArray();
                    var request = new Request(head, all[(headEnd + 4)..(headEnd + 4 + length)]);
                    buffer.SetLength(0);
                    buffer.Write(all, headEnd + 4 + length, all.Length - headEnd - 4 - length);
                    lock (_requests)
                    {
                        _requests.Add(request);
                    }
                    _firstRequest.TrySetResult();
                    // A request with nothing scripted (a /next left waiting) waits for the test to end.
                    await _scripted.WaitAsync(_stop.Token);
                    (Func<Request, string> Answer, bool Close) step;
                    lock (_script)
                    {
                        step = _script.Dequeue();
                    }
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(step.Answer(request)));
                    if (step.Close)
                    {
                        client.Client.Shutdown(SocketShutdown.Both);
                        _closedOne.TrySetResult();
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}

/// <summary>One request as the peer received it.</summary>
public sealed record Request(string Head, byte[] Body);
