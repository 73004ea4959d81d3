using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Fulmen.Bench.Measurement;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Bench.Bare;

/// <summary>
/// <c>Fulmen.Bench bare-server</c>: the bare Runtime API loop in a process of its own, so that the
/// load client is the same process, and has the same cost, for Fulmen and for the bare loop.
/// <list type="bullet">
/// <item><c>POST /invoke</c>: the bare loop behind the thinnest HTTP front (Kestrel, no routing): an idle environment, one hand-off, the body back.</item>
/// <item><c>POST /_bench/pool?size=N</c>: starts environments until N are idle.</item>
/// <item><c>POST /_bench/cold?iterations=N&amp;shell=0|1</c>: N fresh environments, each timed from spawn to its first <c>/next</c> and to its first response.</item>
/// <item><c>POST /_bench/loop?concurrency=C&amp;warmup=W&amp;count=M</c> or <c>…&amp;seconds=S&amp;warmupSeconds=S0</c>: the loop driven in-process, no HTTP front.</item>
/// </list>
/// </summary>
internal sealed class BareServer(RuntimeSpec runtime)
{
    private static readonly byte[] Event = "{}"u8.ToArray();
    private readonly ConcurrentStack<BareEnvironment> _idle = new();

    public static async Task<int> RunAsync(int port, RuntimeSpec runtime)
    {
        var bare = new BareServer(runtime);
        var (server, _) = await MinimalKestrel.StartAsync(port, bare.HandleAsync);
        using var disposeServer = server;
        await Console.Out.WriteLineAsync($"bare-server ready on 127.0.0.1:{port}");
        await Console.In.ReadLineAsync(); // The orchestrator closes stdin to stop us.
        await server.StopAsync(CancellationToken.None);
        foreach (var environment in bare._idle)
        {
            await environment.DisposeAsync();
        }
        return 0;
    }

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        return path switch
        {
            "/invoke" => InvokeAsync(context),
            "/_bench/pool" => ControlAsync(context, PoolAsync),
            "/_bench/cold" => ControlAsync(context, ColdAsync),
            "/_bench/loop" => ControlAsync(context, LoopAsync),
            _ => NotFound(context),
        };
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private async Task InvokeAsync(HttpContext context)
    {
        var payload = await BareEnvironment.ReadBodyAsync(context.Request);
        if (!_idle.TryPop(out var environment))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }
        ReadOnlyMemory<byte> body;
        try
        {
            body = await environment.InvokeAsync(payload);
        }
        finally
        {
            _idle.Push(environment);
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body);
    }

    private static async Task ControlAsync(HttpContext context, Func<IQueryCollection, Task<object>> action)
    {
        object result;
        try
        {
            result = await action(context.Request.Query);
        }
        catch (Exception e)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync(e.ToString());
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(result, result.GetType(), BenchJson.Options));
    }

    private static int Int(IQueryCollection query, string name, int fallback) =>
        query.TryGetValue(name, out var value) ? int.Parse(value.ToString(), CultureInfo.InvariantCulture) : fallback;

    private static double Double(IQueryCollection query, string name, double fallback) =>
        query.TryGetValue(name, out var value) ? double.Parse(value.ToString(), CultureInfo.InvariantCulture) : fallback;

    /// <summary>Starts environments (all at once, as a burst of invokes would) until <c>size</c> are idle.</summary>
    private async Task<object> PoolAsync(IQueryCollection query)
    {
        var missing = Int(query, "size", 1) - _idle.Count;
        var started = await Task.WhenAll(Enumerable.Range(0, Math.Max(0, missing)).Select(_ => StartWarmAsync(viaShell: false)));
        foreach (var (environment, _) in started)
        {
            _idle.Push(environment);
        }
        return new PoolResult(_idle.Count, started.Select(s => s.StartMs).ToList());
    }

    private async Task<(BareEnvironment Environment, double StartMs)> StartWarmAsync(bool viaShell)
    {
        var environment = await BareEnvironment.CreateAsync();
        environment.Start(runtime, viaShell);
        var firstNext = await environment.FirstNext.WaitAsync(TimeSpan.FromSeconds(30));
        return (environment, MsSample.Ms(environment.SpawnedAt, firstNext));
    }

    /// <summary>
    /// Fresh environments one after another. Start = spawn to the first <c>/next</c> (the runtime's own
    /// start); first invoke = spawn to the first response, the bare loop's cold start.
    /// </summary>
    private async Task<object> ColdAsync(IQueryCollection query)
    {
        var iterations = Int(query, "iterations", 10);
        var viaShell = Int(query, "shell", 0) == 1;
        var starts = new List<double>();
        var firstInvokes = new List<double>();
        for (var i = -1; i < iterations; i++)
        {
            var environment = await BareEnvironment.CreateAsync();
            try
            {
                environment.Start(runtime, viaShell);
                var firstNext = await environment.FirstNext.WaitAsync(TimeSpan.FromSeconds(30));
                await environment.InvokeAsync(Event).WaitAsync(TimeSpan.FromSeconds(30));
                var done = Stopwatch.GetTimestamp();
                if (i >= 0) // Iteration -1 only warms up the JIT.
                {
                    starts.Add(MsSample.Ms(environment.SpawnedAt, firstNext));
                    firstInvokes.Add(MsSample.Ms(environment.SpawnedAt, done));
                }
            }
            finally
            {
                await environment.DisposeAsync();
            }
        }
        return new ColdResult(starts, firstInvokes);
    }

    /// <summary>The loop driven from inside this process: each of C loops owns one idle environment.</summary>
    private async Task<object> LoopAsync(IQueryCollection query)
    {
        var concurrency = Int(query, "concurrency", 1);
        var environments = new List<BareEnvironment>();
        while (environments.Count < concurrency && _idle.TryPop(out var environment))
        {
            environments.Add(environment);
        }
        try
        {
            if (environments.Count < concurrency)
            {
                throw new InvalidOperationException($"Only {environments.Count} idle environments; call /_bench/pool?size={concurrency} first.");
            }
            async Task<bool> Once(int loop) => (await environments[loop].InvokeAsync(Event)).Length == 2;
            if (query.ContainsKey("count"))
            {
                return await ClosedLoop.SequentialAsync(() => Once(0), Int(query, "warmup", 1000), Int(query, "count", 5000));
            }
            return await ClosedLoop.ConcurrentAsync(concurrency, Once,
                TimeSpan.FromSeconds(Double(query, "warmupSeconds", 1)), TimeSpan.FromSeconds(Double(query, "seconds", 5)));
        }
        finally
        {
            foreach (var environment in environments)
            {
                _idle.Push(environment);
            }
        }
    }
}

internal sealed record PoolResult(int Idle, IReadOnlyList<double> StartMs);

internal sealed record ColdResult(IReadOnlyList<double> StartMs, IReadOnlyList<double> FirstInvokeMs);

internal static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
