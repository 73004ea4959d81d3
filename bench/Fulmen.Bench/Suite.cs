using System.Diagnostics;
using System.Globalization;
using Fulmen.Bench.Bare;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench;

/// <summary>How much of everything a run does: the full run, or <c>--quick</c> for a smoke test.</summary>
internal sealed record BenchSettings(int Warmup, int Count, double WarmupSeconds, double Seconds, int ColdProvided, int ColdNode, int Concurrency)
{
    public static BenchSettings Full { get; } = new(Warmup: 2000, Count: 10_000, WarmupSeconds: 2, Seconds: 10, ColdProvided: 30, ColdNode: 10, Concurrency: 16);
    public static BenchSettings Quick { get; } = new(Warmup: 500, Count: 2000, WarmupSeconds: 1, Seconds: 3, ColdProvided: 8, ColdNode: 4, Concurrency: 16);
}

/// <summary>One function shape benchmarked on both targets.</summary>
internal sealed record RuntimeCase(string Key, string Title, string AwsRuntime, string Handler, string CodeDirectory, IReadOnlyList<string> BareArguments, int ColdIterations)
{
    public byte[] Zip() => FulmenApi.Zip(Directory.EnumerateFiles(CodeDirectory)
        .Select(path => (Path.GetFileName(path), path, Executable: Path.GetFileName(path) == "bootstrap")));
}

/// <summary>A measured phase: latencies and rate as the client saw them, and where the CPU went.</summary>
internal sealed record Phase(LatencyStats Latency, CpuUse Cpu);

/// <summary>
/// The bare loop: its start (direct, and through <c>/bin/sh -c exec</c> as Fulmen starts runtimes),
/// driven in-process ("loop") and behind the thinnest HTTP front ("http"), at concurrency 1 and N.
/// </summary>
internal sealed record BareResult(ColdResult Cold, ColdResult ColdViaShell, Phase LoopC1, Phase HttpC1, Phase LoopCn, Phase HttpCn);

/// <summary>Fulmen: the very first invoke of the server, cold starts after an update, concurrency 1 and N.</summary>
internal sealed record FulmenResult(double FirstColdMs, MsSample Cold, Phase C1, Phase Cn);

internal sealed record RuntimeResult(RuntimeCase Case, BareResult Bare, FulmenResult Fulmen);

/// <summary>Runs every measurement of one runtime against the bare loop and against Fulmen.</summary>
internal sealed class Suite(BenchSettings settings, string serverDirectory, string workDirectory)
{
    private static void Log(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}] {message}");

    public async Task<RuntimeResult> RunAsync(RuntimeCase runtime)
    {
        var bare = await RunBareAsync(runtime);
        var fulmen = await RunFulmenAsync(runtime);
        return new RuntimeResult(runtime, bare, fulmen);
    }

    private async Task<BareResult> RunBareAsync(RuntimeCase runtime)
    {
        Log($"{runtime.Key}: starting the bare Runtime API stand-in");
        var port = ServerProcess.FreePort();
        var (program, prefix) = Self();
        await using var server = await ServerProcess.StartAsync(program,
            [.. prefix, "bare-server", "--port", port.ToString(CultureInfo.InvariantCulture), .. runtime.BareArguments],
            port, Path.Combine(workDirectory, $"bare-{runtime.Key}.log"), "/health", stopByClosingInput: true);
        using var control = new BareControl(server.BaseUri);
        using var client = new InvokeClient(control.InvokeUri);

        Log($"{runtime.Key}: bare runtime start, {runtime.ColdIterations} times direct and {runtime.ColdIterations} through /bin/sh");
        await WaitForQuietAsync();
        var cold = await control.ColdAsync(runtime.ColdIterations, viaShell: false);
        await WaitForQuietAsync();
        var coldViaShell = await control.ColdAsync(runtime.ColdIterations, viaShell: true);

        await control.PoolAsync(1);
        Log($"{runtime.Key}: bare loop, concurrency 1, {settings.Count} invokes in-process");
        await WaitForQuietAsync();
        await control.LoopSequentialAsync(settings.Warmup, 0);
        var loopC1 = await MeterAsync(server.ProcessId, () => control.LoopSequentialAsync(0, settings.Count));
        Log($"{runtime.Key}: bare loop behind HTTP, concurrency 1, {settings.Count} invokes");
        var httpC1 = await SequentialAsync(server.ProcessId, client);

        var n = settings.Concurrency;
        await control.PoolAsync(n);
        Log($"{runtime.Key}: bare loop, concurrency {n}, {settings.Seconds} s in-process");
        await WaitForQuietAsync();
        await control.LoopConcurrentAsync(n, 0, settings.WarmupSeconds);
        var loopCn = await MeterAsync(server.ProcessId, () => control.LoopConcurrentAsync(n, 0, settings.Seconds));
        Log($"{runtime.Key}: bare loop behind HTTP, concurrency {n}, {settings.Seconds} s");
        var httpCn = await ConcurrentAsync(server.ProcessId, client, n);

        return new BareResult(cold, coldViaShell, loopC1, httpC1, loopCn, httpCn);
    }

    private async Task<FulmenResult> RunFulmenAsync(RuntimeCase runtime)
    {
        Log($"{runtime.Key}: starting Fulmen");
        var port = ServerProcess.FreePort();
        var data = Path.Combine(workDirectory, $"fulmen-data-{runtime.Key}");
        await using var server = await ServerProcess.StartAsync("dotnet",
            [Path.Combine(serverDirectory, "fulmen.dll"), "serve", "--port", port.ToString(CultureInfo.InvariantCulture), "--data-dir", data],
            port, Path.Combine(workDirectory, $"fulmen-{runtime.Key}.log"), "/_fulmen/health", stopByClosingInput: false);
        using var api = new FulmenApi(server.BaseUri);
        var name = $"noop-{runtime.Key}";
        await api.CreateFunctionAsync(name, runtime.AwsRuntime, runtime.Handler, runtime.Zip());
        using var client = new InvokeClient(api.InvokeUri(name));

        Log($"{runtime.Key}: Fulmen cold start, {runtime.ColdIterations} times (UpdateFunctionConfiguration, then the first invoke)");
        await WaitForQuietAsync();
        var first = await TimeMsAsync(client.InvokeOrThrowAsync);
        var colds = new List<double>();
        for (var i = 0; i < runtime.ColdIterations; i++)
        {
            await api.UpdateDescriptionAsync(name, $"cold {i}");
            colds.Add(await TimeMsAsync(client.InvokeOrThrowAsync));
        }

        Log($"{runtime.Key}: Fulmen, concurrency 1, {settings.Count} invokes");
        var c1 = await SequentialAsync(server.ProcessId, client);

        var n = settings.Concurrency;
        Log($"{runtime.Key}: Fulmen, concurrency {n}, {settings.Seconds} s");
        // A burst of n invokes starts the n environments the loops will use.
        await Task.WhenAll(Enumerable.Range(0, n).Select(_ => client.InvokeOrThrowAsync()));
        var cn = await ConcurrentAsync(server.ProcessId, client, n);

        return new FulmenResult(first, new MsSample(colds), c1, cn);
    }

    private async Task<Phase> SequentialAsync(int serverPid, InvokeClient client)
    {
        await client.InvokeOrThrowAsync();
        await WaitForQuietAsync();
        await ClosedLoop.SequentialAsync(client.InvokeAsync, settings.Warmup, 0);
        var phase = await MeterAsync(serverPid, () => ClosedLoop.SequentialAsync(client.InvokeAsync, 0, settings.Count));
        ReportErrors(client, phase);
        return phase;
    }

    private async Task<Phase> ConcurrentAsync(int serverPid, InvokeClient client, int concurrency)
    {
        await WaitForQuietAsync();
        await ClosedLoop.ConcurrentAsync(concurrency, _ => client.InvokeAsync(), TimeSpan.Zero, TimeSpan.FromSeconds(settings.WarmupSeconds));
        var phase = await MeterAsync(serverPid, () =>
            ClosedLoop.ConcurrentAsync(concurrency, _ => client.InvokeAsync(), TimeSpan.Zero, TimeSpan.FromSeconds(settings.Seconds)));
        ReportErrors(client, phase);
        return phase;
    }

    private static void ReportErrors(InvokeClient client, Phase phase)
    {
        if (phase.Latency.Errors > 0)
        {
            Log($"  {phase.Latency.Errors} invokes failed; the last: {client.LastError}");
        }
    }

    /// <summary>Busy share of the machine above which a phase waits for the rest of the machine to calm down.</summary>
    private const double QuietPercent = 15;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static async Task WaitForQuietAsync()
    {
        var busy = await CpuSnapshot.WaitForQuietAsync(QuietPercent, Patience);
        if (busy >= QuietPercent)
        {
            Log(FormattableString.Invariant($"  the machine is {busy:0}% busy with other work after waiting {Patience.TotalSeconds:0} s; measuring anyway"));
        }
    }

    private static async Task<Phase> MeterAsync(int serverPid, Func<Task<LatencyStats>> run)
    {
        var before = CpuSnapshot.Take(serverPid);
        var stats = await run();
        var after = CpuSnapshot.Take(serverPid);
        var phase = new Phase(stats, CpuSnapshot.Between(before, after, stats.Count));
        Log(FormattableString.Invariant(
            $"  {stats.Count} ok, {stats.Errors} errors, p50 {stats.P50Us:0.0} µs, p99 {stats.P99Us:0.0} µs, {stats.PerSecond:0}/s; machine {phase.Cpu.MachineBusyPercent:0}% busy"));
        return phase;
    }

    private static async Task<double> TimeMsAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return MsSample.Ms(started, Stopwatch.GetTimestamp());
    }

    /// <summary>How to start this program again: its apphost, or <c>dotnet Fulmen.Bench.dll</c>.</summary>
    private static (string Program, string[] Prefix) Self()
    {
        var process = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [typeof(Suite).Assembly.Location])
            : (process, []);
    }
}
