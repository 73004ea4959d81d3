using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Fulmen.Server.Tests.Topics;

/// <summary>
/// An http endpoint in the test process that topics deliver to: it records every POST (headers and body) and answers
/// each with the next planned status (200 once the plan is used up).
/// </summary>
internal sealed class HttpSubscriber : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<Delivery> _deliveries = Channel.CreateUnbounded<Delivery>();
    private readonly ConcurrentQueue<int> _plan = new();
    private readonly Task _serving;

    public HttpSubscriber(int? port = null)
    {
        Port = port ?? FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/sns";

    public sealed record Delivery(IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";
    }

    /// <summary>Answers the next requests with these statuses, in order.</summary>
    public void Plan(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _plan.Enqueue(status);
        }
    }

    /// <summary>The next delivery, waiting up to a minute for it.</summary>
    public async Task<Delivery> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            return await _deliveries.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("no delivery reached the http subscriber within a minute");
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k] ?? "");
            context.Response.StatusCode = _plan.TryDequeue(out var status) ? status : 200;
            context.Response.Close();
            _deliveries.Writer.TryWrite(new Delivery(headers, body));
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
