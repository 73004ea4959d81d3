using System.Diagnostics;
using System.Globalization;
using Fulmen.Bench.Bare;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench;

/// <summary>How much of everything a run does: the full run, or <c>--quick</c> for a smoke test.</summary>
/// <remarks>
/// Node.js environments get a longer warm-up at concurrency N: each of the N fresh V8 processes must
/// optimise the bootstrap's hot path before its CPU cost settles (it halves between the first and the
/// second 12 s of load on 2 cores).
/// </remarks>
internal sealed record BenchSettings(int Warmup, int Count, double WarmupSeconds, double NodeWarmupSeconds, double Seconds, int ColdProvided, int ColdNode, int Concurrency)
{
    public static BenchSettings Full { get; } = new(Warmup: 2000, Count: 10_000, WarmupSeconds: 2, NodeWarmupSeconds: 12, Seconds: 10, ColdProvided: 30, ColdNode: 10, Concurrency: 16);
    public static BenchSettings Quick { get; } = new(Warmup: 500, Count: 2000, WarmupSeconds: 1, NodeWarmupSeconds: 3, Seconds: 3, ColdProvided: 8, ColdNode: 4, Concurrency: 16);
}

/// <summary>One function shape benchmarked on both targets.</summary>
internal sealed record RuntimeCase(string Key, string Title, string AwsRuntime, string Handler, string CodeDirectory, IReadOnlyList<string> BareArguments, int ColdIterations, double WarmupSeconds)
{
    public byte[] Zip() => FulmenApi.Zip(Directory.EnumerateFiles(CodeDirectory)
        .Select(path => (Path.GetFileName(path), path, Executable: Path.GetFileName(path) == "bootstrap")));
}

/// <summary>
/// The bare loop: its start (direct, and through <c>/bin/sh -c exec</c> as Fulmen starts runtimes),
/// driven in-process ("loop") and behind the thinnest HTTP front ("http"), at concurrency 1 and N.
/// </summary>
internal sealed record BareResult(ColdResult Cold, ColdResult ColdViaShell, Phase LoopC1, Phase HttpC1, Phase LoopCn, Phase HttpCn);

/// <summary>
/// Fulmen: the very first invoke of the server, cold starts after an update, concurrency 1 and N; then the same warm
/// loops through an alias of a published version, each followed by <c>$LATEST</c> again, so that the two are compared
/// in the same state of the server (its JIT keeps optimising during the first phases). Null without versions.
/// </summary>
internal sealed record FulmenResult(double FirstColdMs, MsSample Cold, Phase C1, Phase Cn, AliasPhases? Alias);

/// <summary>Warm invokes through an alias and, right after each, through <c>$LATEST</c> again.</summary>
internal sealed record AliasPhases(Phase AliasC1, Phase LatestC1, Phase AliasCn, Phase LatestCn);

internal sealed record RuntimeResult(RuntimeCase Case, BareResult Bare, FulmenResult Fulmen);

/// <summary>Runs every measurement of one runtime against the bare loop and against Fulmen.</summary>
internal sealed class Suite(BenchSettings settings, string serverDirectory, string workDirectory)
{
    private static void Log(string message) => PhaseMeter.Log(message);

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
        var loopC1 = await MeasureAsync(server.ProcessId,
            () => control.LoopSequentialAsync(settings.Warmup, 0), () => control.LoopSequentialAsync(0, settings.Count));
        Log($"{runtime.Key}: bare loop behind HTTP, concurrency 1, {settings.Count} invokes");
        var httpC1 = await SequentialAsync(server.ProcessId, client);

        var n = settings.Concurrency;
        await control.PoolAsync(n);
        Log($"{runtime.Key}: bare loop, concurrency {n}, {settings.Seconds} s in-process");
        var loopCn = await MeasureAsync(server.ProcessId,
            () => control.LoopConcurrentAsync(n, 0, runtime.WarmupSeconds), () => control.LoopConcurrentAsync(n, 0, settings.Seconds));
        Log($"{runtime.Key}: bare loop behind HTTP, concurrency {n}, {settings.Seconds} s");
        // The environments are warm from the in-process phase.
        var httpCn = await ConcurrentAsync(server.ProcessId, client, n, settings.WarmupSeconds);

        return new BareResult(cold, coldViaShell, loopC1, httpC1, loopCn, httpCn);
    }

    private async Task<FulmenResult> RunFulmenAsync(RuntimeCase runtime)
    {
        Log($"{runtime.Key}: starting Fulmen");
        var home = Directory.CreateDirectory(Path.Combine(workDirectory, $"fulmen-{runtime.Key}")).FullName;
        await using var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, Path.Combine(workDirectory, $"fulmen-{runtime.Key}.log"));
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
        var cn = await ConcurrentAsync(server.ProcessId, client, n, runtime.WarmupSeconds);

        if (!await api.TryPublishWithAliasAsync(name, "live"))
        {
            Log($"{runtime.Key}: this server has no versions; no alias phases");
            return new FulmenResult(first, new MsSample(colds), c1, cn, null);
        }
        using var alias = new InvokeClient(api.InvokeUri($"{name}:live"));
        Log($"{runtime.Key}: Fulmen through an alias, then $LATEST again, concurrency 1, {settings.Count} invokes each");
        var aliasC1 = await SequentialAsync(server.ProcessId, alias);
        var latestC1 = await SequentialAsync(server.ProcessId, client);
        Log($"{runtime.Key}: Fulmen through an alias, then $LATEST again, concurrency {n}, {settings.Seconds} s each");
        await Task.WhenAll(Enumerable.Range(0, n).Select(_ => alias.InvokeOrThrowAsync()));
        var aliasCn = await ConcurrentAsync(server.ProcessId, alias, n, runtime.WarmupSeconds);
        var latestCn = await ConcurrentAsync(server.ProcessId, client, n, runtime.WarmupSeconds);
        return new FulmenResult(first, new MsSample(colds), c1, cn, new AliasPhases(aliasC1, latestC1, aliasCn, latestCn));
    }

    private async Task<Phase> SequentialAsync(int serverPid, InvokeClient client)
    {
        await client.InvokeOrThrowAsync();
        var phase = await MeasureAsync(serverPid,
            () => ClosedLoop.SequentialAsync(client.InvokeAsync, settings.Warmup, 0),
            () => ClosedLoop.SequentialAsync(client.InvokeAsync, 0, settings.Count));
        ReportErrors(client, phase);
        return phase;
    }

    private async Task<Phase> ConcurrentAsync(int serverPid, InvokeClient client, int concurrency, double warmupSeconds)
    {
        Task<LatencyStats> Loops(double seconds) =>
            ClosedLoop.ConcurrentAsync(concurrency, _ => client.InvokeAsync(), TimeSpan.Zero, TimeSpan.FromSeconds(seconds));
        var phase = await MeasureAsync(serverPid, () => Loops(warmupSeconds), () => Loops(settings.Seconds));
        ReportErrors(client, phase);
        return phase;
    }

    private static Task<Phase> MeasureAsync(int serverPid, Func<Task> warmup, Func<Task<LatencyStats>> run) =>
        PhaseMeter.MeasureAsync(serverPid, warmup, run);

    private static void ReportErrors(InvokeClient client, Phase phase)
    {
        if (phase.Latency.Errors > 0)
        {
            Log($"  {phase.Latency.Errors} invokes failed; the last: {client.LastError}");
        }
    }

    private static Task WaitForQuietAsync() => PhaseMeter.WaitForQuietAsync();

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
