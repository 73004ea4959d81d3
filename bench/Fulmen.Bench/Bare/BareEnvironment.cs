using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Fulmen.Bench.Bare;

/// <summary>
/// The least a Runtime API can be: one runtime process, a Kestrel listener of its own on loopback, a
/// one-slot channel that hands an invocation to the waiting <c>/next</c>, and a completion source that
/// the <c>/response</c> POST completes. No logs, no limits, no timeouts, no bookkeeping: what is left
/// is the floor that any platform built this way pays.
/// </summary>
internal sealed class BareEnvironment : IAsyncDisposable
{
    private static readonly byte[] Accepted = "{\"status\":\"OK\"}"u8.ToArray();
    private const string Prefix = "/2018-06-01/runtime/invocation/";
    private const string TraceId = "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0";

    private readonly Channel<BareInvocation> _next = Channel.CreateBounded<BareInvocation>(
        new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource<long> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly KestrelServer _server;
    private BareInvocation? _current;
    private Process? _process;

    private BareEnvironment(KestrelServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The runtime's process id, once <see cref="Start"/> has run.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>When <see cref="Start"/> called Process.Start (a Stopwatch timestamp).</summary>
    public long SpawnedAt { get; private set; }

    /// <summary>Completes with the Stopwatch timestamp of the runtime's first <c>/next</c>.</summary>
    public Task<long> FirstNext => _firstNext.Task;

    public static async Task<BareEnvironment> CreateAsync()
    {
        BareEnvironment? environment = null;
        var (server, port) = await MinimalKestrel.StartAsync(0, context => environment!.HandleAsync(context));
        environment = new BareEnvironment(server, port);
        return environment;
    }

    /// <summary>Starts the runtime: directly, or (<paramref name="viaShell"/>) through <c>/bin/sh -c 'exec …'</c> as Fulmen does.</summary>
    public void Start(RuntimeSpec runtime, bool viaShell)
    {
        var start = new ProcessStartInfo(viaShell ? "/bin/sh" : runtime.FileName)
        {
            UseShellExecute = false,
            WorkingDirectory = runtime.CodeDirectory,
        };
        if (viaShell)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec \"$0\" \"$@\" </dev/null >/dev/null 2>&1");
            start.ArgumentList.Add(runtime.FileName);
        }
        foreach (var argument in runtime.Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Clear();
        foreach (var (name, value) in runtime.Environment(Port))
        {
            start.Environment[name] = value;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.Exited += (_, _) => OnExited();
        _process = process;
        SpawnedAt = Stopwatch.GetTimestamp();
        process.Start();
    }

    /// <summary>Hands one event to the runtime and completes with its response body.</summary>
    public Task<ReadOnlyMemory<byte>> InvokeAsync(ReadOnlyMemory<byte> payload)
    {
        var invocation = new BareInvocation(Guid.NewGuid().ToString(), payload);
        Volatile.Write(ref _current, invocation);
        _next.Writer.TryWrite(invocation);
        return invocation.Reply.Task;
    }

    private void OnExited()
    {
        _exited.TrySetResult();
        _firstNext.TrySetException(new InvalidOperationException("The runtime exited before its first /next."));
        Volatile.Read(ref _current)?.Reply.TrySetException(new InvalidOperationException("The runtime exited during an invocation."));
    }

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == Prefix + "next")
        {
            return NextAsync(context);
        }
        if (path.StartsWith(Prefix, StringComparison.Ordinal) && path.EndsWith("/response", StringComparison.Ordinal))
        {
            return RespondAsync(context, path[Prefix.Length..^"/response".Length]);
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private async Task NextAsync(HttpContext context)
    {
        _firstNext.TrySetResult(Stopwatch.GetTimestamp());
        BareInvocation invocation;
        try
        {
            invocation = await _next.Reader.ReadAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return;
        }
        var response = context.Response;
        response.Headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        // The headers Fulmen sends, so that the runtime does the same work per invoke.
        response.Headers["Lambda-Runtime-Deadline-Ms"] = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 900_000).ToString(CultureInfo.InvariantCulture);
        response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = RuntimeSpec.FunctionArn;
        response.Headers["Lambda-Runtime-Trace-Id"] = TraceId;
        response.ContentType = "application/json";
        response.ContentLength = invocation.Payload.Length;
        await response.Body.WriteAsync(invocation.Payload, context.RequestAborted);
    }

    private async Task RespondAsync(HttpContext context, string requestId)
    {
        var body = await ReadBodyAsync(context.Request);
        var current = Volatile.Read(ref _current);
        if (current is null || current.RequestId != requestId)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Volatile.Write(ref _current, null);
        current.Reply.TrySetResult(body);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Accepted.Length;
        await context.Response.Body.WriteAsync(Accepted);
    }

    internal static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync();
            if (read.IsCompleted)
            {
                var body = System.Buffers.BuffersExtensions.ToArray(read.Buffer);
                reader.AdvanceTo(read.Buffer.End);
                return body;
            }
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(static _ => { }, TaskScheduler.Default);
            process.Dispose();
        }
        _next.Writer.TryComplete();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await _server.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _server.Dispose();
    }

    private sealed class BareInvocation(string requestId, ReadOnlyMemory<byte> payload)
    {
        public string RequestId { get; } = requestId;
        public ReadOnlyMemory<byte> Payload { get; } = payload;
        public TaskCompletionSource<ReadOnlyMemory<byte>> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
