using System.Globalization;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.Async;

/// <summary>How long and how wide the asynchronous-invocation benchmark runs (full, or <c>--quick</c>).</summary>
/// <remarks>
/// Each phase is measured once, after waiting up to <see cref="QuietSeconds"/> for the machine to calm down
/// (the invoke benchmark waits longer and measures twice): the whole async run stays under 3 minutes; the
/// tables show how much CPU other work took during each phase.
/// </remarks>
internal sealed record AsyncSettings(
    double WarmupSeconds, double Seconds, IReadOnlyList<int> StoreProducers, IReadOnlyList<int> HttpConcurrency,
    int Backlog, int BacklogConcurrency, double SyncWarmupSeconds, double SyncSeconds, int DispatchConcurrency, double QuietSeconds)
{
    public static AsyncSettings Full { get; } = new(1, 8, [1, 16, 64, 256], [16, 64, 256], 50_000, 64, 2, 10, 16, 5);
    public static AsyncSettings Quick { get; } = new(0.5, 2, [1, 16, 64, 256], [16, 64, 256], 10_000, 64, 1, 3, 16, 2);

    public TimeSpan Patience => TimeSpan.FromSeconds(QuietSeconds);
}

/// <summary>How dispatch and the control plane stood during an HTTP enqueue phase.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<EnqueueMode>))]
internal enum EnqueueMode
{
    /// <summary>Every dispatch slot held by the gate: enqueue alone.</summary>
    Held,
    /// <summary>Held, with a PutFunctionConcurrency every half second beside the load.</summary>
    HeldWithControlWrites,
    /// <summary>The function at reserved concurrency 0: the dispatcher tries each event and backs it off as throttled.</summary>
    ReservedZero,
}

internal sealed record HttpEnqueueResult(EnqueueMode Mode, int Concurrency, Phase Phase, double WalMegabytes, MsSample? ControlWrites);

internal sealed record EndToEndResult(Phase Sync, DrainResult Drain, int DispatchConcurrency)
{
    /// <summary>
    /// How busy dispatch keeps the function, against synchronous invokes at the same concurrency: the drain
    /// rate while dispatch had enough ready events to fill every slot.
    /// </summary>
    public double BusyRatio => Sync.Latency.PerSecond > 0 ? Drain.ReadyPerSecond / Sync.Latency.PerSecond : 0;
}

internal sealed record AsyncResult(IReadOnlyList<StoreResult> Store, IReadOnlyList<HttpEnqueueResult> Http, EndToEndResult EndToEnd);

/// <summary>
/// Asynchronous invocation (<c>X-Amz-Invocation-Type: Event</c>): durable enqueue straight into the SQLite
/// store, then through HTTP, then the drain rate of a backlog against synchronous invokes of the same
/// warm no-op function.
/// </summary>
internal sealed class AsyncSuite(AsyncSettings settings, string serverDirectory, string workDirectory, RuntimeCase function, string? postgresCluster)
{
    public async Task<AsyncResult> RunAsync()
    {
        var store = new List<StoreResult>();
        foreach (var cluster in postgresCluster is null ? [null] : new[] { null, postgresCluster })
        {
            foreach (var producers in settings.StoreProducers)
            {
                PhaseMeter.Log($"async: store ({(cluster is null ? "SQLite" : "PostgreSQL")}), {producers} producers awaiting AppendAsync, {settings.Seconds} s");
                store.Add(await StoreEnqueue.RunAsync(Path.Combine(workDirectory, "async-store"), cluster, producers,
                    TimeSpan.FromSeconds(settings.WarmupSeconds), TimeSpan.FromSeconds(settings.Seconds), settings.Patience));
            }
        }
        var http = await RunHttpEnqueueAsync();
        var endToEnd = await RunEndToEndAsync();
        return new AsyncResult(store, http, endToEnd);
    }

    /// <summary>
    /// Event invokes while every dispatch slot is held by the gate (so the events only queue up), at each client
    /// count, then once more with control-plane writes beside them; then, on a fresh server, with the function at
    /// reserved concurrency 0, the way AWS users pause a function.
    /// </summary>
    private async Task<List<HttpEnqueueResult>> RunHttpEnqueueAsync()
    {
        var results = new List<HttpEnqueueResult>();
        var middle = settings.HttpConcurrency[settings.HttpConcurrency.Count / 2];
        var (home, log) = Home("enqueue");
        await using (var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, log, "--async-concurrency", "1"))
        {
            using var api = new FulmenApi(server.BaseUri);
            using var probe = new QueueProbe(server.BaseUri);
            await api.CreateFunctionAsync("enqueue", function.AwsRuntime, function.Handler, function.Zip());
            await using var control = await ControlPlaneProbe.CreateAsync(api, function);
            var gate = await DispatchGate.CloseAsync(api, probe, function, Path.Combine(workDirectory, "enqueue.gate"), slots: 1);
            foreach (var concurrency in settings.HttpConcurrency)
            {
                PhaseMeter.Log($"async: HTTP enqueue, dispatch held, {concurrency} clients, {settings.Seconds} s");
                results.Add(await EnqueuePhaseAsync(server, api, home, EnqueueMode.Held, concurrency, null));
            }
            PhaseMeter.Log($"async: HTTP enqueue, dispatch held, {middle} clients, a PutFunctionConcurrency every 0.5 s beside it, {settings.Seconds} s");
            results.Add(await EnqueuePhaseAsync(server, api, home, EnqueueMode.HeldWithControlWrites, middle, control));
            gate.Open();
        }
        DeleteData(home);

        (home, log) = Home("paused");
        await using (var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, log))
        {
            using var api = new FulmenApi(server.BaseUri);
            await api.CreateFunctionAsync("enqueue", function.AwsRuntime, function.Handler, function.Zip());
            await api.PutReservedConcurrencyAsync("enqueue", 0);
            PhaseMeter.Log($"async: HTTP enqueue, function at reserved concurrency 0, {middle} clients, {settings.Seconds} s");
            results.Add(await EnqueuePhaseAsync(server, api, home, EnqueueMode.ReservedZero, middle, null));
        }
        DeleteData(home);
        return results;
    }

    private async Task<HttpEnqueueResult> EnqueuePhaseAsync(ServerProcess server, FulmenApi api, string home, EnqueueMode mode, int concurrency, ControlPlaneProbe? control)
    {
        using var client = new EventClient(api.InvokeUri("enqueue"), EventPayload.Bytes);
        Task<LatencyStats> Loops(double seconds) =>
            ClosedLoop.ConcurrentAsync(concurrency, _ => client.EnqueueAsync(), TimeSpan.Zero, TimeSpan.FromSeconds(seconds));
        MsSample? writes = null;
        var phase = await PhaseMeter.MeasureAsync(server.ProcessId, () => Loops(settings.WarmupSeconds), async () =>
        {
            if (control is null)
            {
                return await Loops(settings.Seconds);
            }
            var (stats, beside) = await control.AroundAsync(() => Loops(settings.Seconds));
            writes = beside;
            PhaseMeter.Log(FormattableString.Invariant($"  PutFunctionConcurrency beside it: median {beside.Median:0} ms, max {beside.Values.DefaultIfEmpty().Max():0} ms"));
            return stats;
        }, attempts: 1, settings.Patience);
        ReportErrors(phase.Latency, client.LastError);
        return new HttpEnqueueResult(mode, concurrency, phase, WalFile.Megabytes(Path.Combine(home, ".fulmen")), writes);
    }

    private async Task<EndToEndResult> RunEndToEndAsync()
    {
        var (home, log) = Home("dispatch");
        EndToEndResult result;
        await using (var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, log,
            "--async-concurrency", settings.DispatchConcurrency.ToString(CultureInfo.InvariantCulture)))
        {
            using var api = new FulmenApi(server.BaseUri);
            const string name = "noop";
            await api.CreateFunctionAsync(name, function.AwsRuntime, function.Handler, function.Zip());
            var n = settings.DispatchConcurrency;

            PhaseMeter.Log($"async: synchronous invokes for comparison, concurrency {n}, {settings.SyncSeconds} s");
            using var invoke = new InvokeClient(api.InvokeUri(name));
            // A burst of n invokes starts the n environments both the loops and the dispatcher then use.
            await Task.WhenAll(Enumerable.Range(0, n).Select(_ => invoke.InvokeOrThrowAsync()));
            Task<LatencyStats> Loops(double seconds) =>
                ClosedLoop.ConcurrentAsync(n, _ => invoke.InvokeAsync(), TimeSpan.Zero, TimeSpan.FromSeconds(seconds));
            var sync = await PhaseMeter.MeasureAsync(server.ProcessId, () => Loops(settings.SyncWarmupSeconds), () => Loops(settings.SyncSeconds), attempts: 1, settings.Patience);
            ReportErrors(sync.Latency, invoke.LastError);

            using var probe = new QueueProbe(server.BaseUri);
            var drain = await BacklogDrain.RunAsync(server, api, probe, function, name, Path.Combine(home, ".fulmen"),
                Path.Combine(workDirectory, "dispatch.gate"), settings.Backlog, settings.BacklogConcurrency, n);
            result = new EndToEndResult(sync, drain, n);
        }
        DeleteData(home);
        return result;
    }

    private (string Home, string Log) Home(string key) =>
        (Directory.CreateDirectory(Path.Combine(workDirectory, $"fulmen-async-{key}")).FullName, Path.Combine(workDirectory, $"fulmen-async-{key}.log"));

    /// <summary>The queued events take tens of MB; the server log stays for post-mortems.</summary>
    private static void DeleteData(string home) => Directory.Delete(Path.Combine(home, ".fulmen"), recursive: true);

    internal static void ReportErrors(LatencyStats stats, string? lastError)
    {
        if (stats.Errors > 0)
        {
            PhaseMeter.Log($"  {stats.Errors} requests failed; the last: {lastError}");
        }
    }
}
