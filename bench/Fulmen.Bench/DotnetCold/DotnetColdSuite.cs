using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fulmen.Bench.Bare;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.DotnetCold;

/// <summary>How many cold starts per setup and how long the warm phases run: the full run, or <c>--quick</c>.</summary>
/// <remarks>
/// The warm-up of the concurrency-N phase is long enough for each fresh .NET host to get its hot path to tier-1
/// code (tiered compilation with PGO re-compiles a method after 30 calls and a 100 ms quiet delay).
/// </remarks>
/// <param name="HostInvokes">Sequential invokes counted by the host CPU phase (<see cref="HostCpu"/>).</param>
internal sealed record DotnetColdSettings(int Samples, int Warmup, int Count, double WarmupSeconds, double Seconds, int Concurrency, int PoolSize, int HostInvokes)
{
    public static DotnetColdSettings Full { get; } = new(Samples: 20, Warmup: 1000, Count: 5000, WarmupSeconds: 5, Seconds: 10, Concurrency: 8, PoolSize: 2, HostInvokes: 20_000);
    public static DotnetColdSettings Quick { get; } = new(Samples: 5, Warmup: 200, Count: 1000, WarmupSeconds: 2, Seconds: 3, Concurrency: 8, PoolSize: 2, HostInvokes: 5_000);
}

/// <summary>A handler of bench/functions/dotnet-noop, the answer it must give to <see cref="Payload"/>.</summary>
internal sealed record DotnetHandler(string Key, string Title, string Handler, string Expected)
{
    public const string Payload = """{"name":"bench","count":1}""";

    public static IReadOnlyList<DotnetHandler> All { get; } =
    [
        new("stream", "`Stream Handle(Stream)` (input back, no serializer)", "DotnetNoop::DotnetNoop.Function::Handle", Payload),
        new("typed", "`Receipt Handle(Order)` (POCOs through DefaultLambdaJsonSerializer)", "DotnetNoop::DotnetNoop.Typed::Handle", """{"Name":"bench","Count":2}"""),
    ];
}

/// <summary>One cold start through Fulmen: the client's latency and the REPORT line's, and with the pool, what refilling it took.</summary>
/// <param name="FromPool">The environment ran in a host that was waiting in the pool before the invoke.</param>
/// <param name="RefillMs">From the invoke's start until the pool again held its hosts, warm and idle.</param>
/// <param name="RefillCpuMs">CPU the replacement host used to start and warm up (while the cold start ran beside it).</param>
/// <param name="Machine">How busy the machine was during the invoke, and how much of that was other work than the benchmark's and the server's processes.</param>
internal sealed record ColdSample(double ClientMs, double? InitMs, double? DurationMs, bool FromPool, double? RefillMs, double? RefillCpuMs, MachineShare Machine);

/// <summary>Cold starts of one handler on one server.</summary>
/// <param name="First">The first invoke after CreateFunction (on the first function, the server's very first cold start).</param>
/// <param name="NotCold">Invokes after a configuration change that had no Init Duration (a warm environment was reused): retried, not counted.</param>
internal sealed record FulmenCold(int PoolSize, TailedInvoke First, IReadOnlyList<ColdSample> Samples, int NotCold, MachineShare Machine)
{
    public MsSample Client => new(Samples.Select(s => s.ClientMs).ToList());
    public MsSample Init => new(Samples.Where(s => s.InitMs is not null).Select(s => s.InitMs!.Value).ToList());
    public MsSample Duration => new(Samples.Where(s => s.DurationMs is not null).Select(s => s.DurationMs!.Value).ToList());
}

/// <summary>The host started for the function against the bench's bare Runtime API stand-in (<see cref="BareEnvironment"/>).</summary>
/// <param name="StartMs">Spawn → first <c>/next</c>: the .NET runtime's start, the host's, and the function's assembly load and handler set-up.</param>
/// <param name="FirstResponseMs">Spawn → the first invocation's <c>/response</c>: a cold start with nothing around it.</param>
/// <param name="OtherPercent">Per sample, the share of the machine that other work took during it.</param>
internal sealed record BareCold(IReadOnlyList<double> StartMs, IReadOnlyList<double> FirstResponseMs, IReadOnlyList<double> OtherPercent, MachineShare Machine);

/// <summary>A warm function at concurrency 1 and N, on the no-pool server.</summary>
internal sealed record WarmResult(string Key, string Title, Phase C1, Phase Cn);

/// <summary>What was measured of one handler; a phase left out with <c>--dotnet-phases</c> is null.</summary>
internal sealed record HandlerResult(DotnetHandler Handler, BareCold? Bare, FulmenCold? NoPool, FulmenCold? Pool, WarmResult? Warm, HostCpuResult? HostCpu, HostCpuResult? HostCpuN);

/// <param name="RuntimeAloneMs">Spawn → exit of the host with no Runtime API to talk to: the .NET runtime's start and the host's Main, nothing else.</param>
internal sealed record DotnetColdResult(IReadOnlyList<double>? RuntimeAloneMs, IReadOnlyList<HandlerResult> Handlers, WarmResult? Provided, string Dotnet, string HostDll);

/// <summary>
/// C# cold starts (<c>bench/run.sh --dotnet-cold-start</c>): the no-op of bench/functions/dotnet-noop started bare
/// against the stand-in, then through <c>fulmen serve</c> without and with pre-started .NET hosts, then warm.
/// The two handlers' cold starts alternate sample by sample, so that the other work of a shared machine falls on
/// both alike. <paramref name="phases"/> picks among <c>bare</c>, <c>hostcpu</c> (the host's CPU per warm invoke
/// against the stand-in), <c>nopool</c> (with the warm invokes) and <c>pool</c>, to measure a modified server (an ablation) without the rest.
/// </summary>
internal sealed class DotnetColdSuite(DotnetColdSettings settings, string serverDirectory, string workDirectory, string functionDirectory, string? bootstrap, IReadOnlySet<string> phases)
{
    public static IReadOnlySet<string> AllPhases { get; } = new HashSet<string>(StringComparer.Ordinal) { "bare", "hostcpu", "nopool", "pool" };

    private static readonly TimeSpan PoolTimeout = TimeSpan.FromSeconds(60);
    private static void Log(string message) => PhaseMeter.Log(message);

    public async Task<DotnetColdResult> RunAsync()
    {
        var dotnet = DotnetExecutable();
        var hostDll = Path.Combine(serverDirectory, "runtimes", "dotnet", "Fulmen.Lambda.RuntimeHost.dll");
        if (!File.Exists(hostDll))
        {
            throw new FileNotFoundException($"The server build has no .NET host at {hostDll}.");
        }

        List<double>? alone = null;
        Dictionary<string, BareCold> bare = [];
        if (phases.Contains("bare"))
        {
            Log($"dotnet: the runtime and host alone ({dotnet} {hostDll} with no Runtime API), {settings.Samples} times");
            await PhaseMeter.WaitForQuietAsync();
            alone = await RuntimeAloneAsync(dotnet, hostDll);
            Log($"dotnet: bare start against the stand-in, {settings.Samples} times each handler, alternating");
            bare = await BareAsync(dotnet, hostDll);
        }

        Dictionary<string, (HostCpuResult C1, HostCpuResult Cn)> hostCpu = [];
        if (phases.Contains("hostcpu"))
        {
            Log($"dotnet: the host's CPU per warm invoke against the stand-in, {settings.HostInvokes} invokes each handler, one host then {settings.Concurrency}");
            await PhaseMeter.WaitForQuietAsync();
            foreach (var handler in DotnetHandler.All)
            {
                var c1 = await HostCpu.MeasureAsync(dotnet, hostDll, functionDirectory, handler, settings.Warmup, settings.HostInvokes, 1);
                var cn = await HostCpu.MeasureAsync(dotnet, hostDll, functionDirectory, handler, settings.Warmup, settings.HostInvokes, settings.Concurrency);
                hostCpu[handler.Key] = (c1, cn);
            }
        }

        var (noPool, warm, provided) = phases.Contains("nopool") ? await FulmenAsync(pool: 0, measureWarm: true) : ([], [], null);
        var (pool, _, _) = phases.Contains("pool") ? await FulmenAsync(settings.PoolSize, measureWarm: false) : ([], [], null);

        var handlers = DotnetHandler.All.Select(h => new HandlerResult(h, bare.GetValueOrDefault(h.Key), noPool.GetValueOrDefault(h.Key),
            pool.GetValueOrDefault(h.Key), warm.GetValueOrDefault(h.Key),
            hostCpu.TryGetValue(h.Key, out var cpu) ? cpu.C1 : null, hostCpu.TryGetValue(h.Key, out cpu) ? cpu.Cn : null)).ToList();
        return new DotnetColdResult(alone, handlers, provided, dotnet, hostDll);
    }

    /// <summary>The host with no <c>AWS_LAMBDA_RUNTIME_API</c>: it says so on stderr and exits 2.</summary>
    private async Task<List<double>> RuntimeAloneAsync(string dotnet, string hostDll)
    {
        var times = new List<double>();
        for (var i = -1; i < settings.Samples; i++)
        {
            var start = new ProcessStartInfo(dotnet)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = functionDirectory,
            };
            start.ArgumentList.Add(hostDll);
            start.Environment.Clear();
            start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
            start.Environment["LANG"] = "en_US.UTF-8";
            start.Environment["TZ"] = ":UTC";
            await WaitForQuietMomentAsync();
            var spawned = Stopwatch.GetTimestamp();
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var exited = Stopwatch.GetTimestamp();
            await Task.WhenAll(output, error);
            if (process.ExitCode != 2)
            {
                throw new InvalidOperationException($"{dotnet} {hostDll} without a Runtime API exited {process.ExitCode}: {await error}");
            }
            if (i >= 0) // The first start only warms up this process's side of Process.Start.
            {
                times.Add(MsSample.Ms(spawned, exited));
            }
        }
        return times;
    }

    /// <summary>
    /// Fresh hosts one after another against an in-process <see cref="BareEnvironment"/>, with AWS's variables and
    /// the function's directory, the handlers taking turns.
    /// </summary>
    private async Task<Dictionary<string, BareCold>> BareAsync(string dotnet, string hostDll)
    {
        var payload = Encoding.UTF8.GetBytes(DotnetHandler.Payload);
        var samples = DotnetHandler.All.ToDictionary(h => h.Key, _ => (Starts: new List<double>(), FirstResponses: new List<double>(), Others: new List<double>()));
        await PhaseMeter.WaitForQuietAsync();
        var meter = MachineMeter.Start(Environment.ProcessId);
        for (var i = -1; i < settings.Samples; i++)
        {
            foreach (var handler in DotnetHandler.All)
            {
                var spec = new RuntimeSpec(dotnet, [hostDll], functionDirectory, handler.Handler,
                    new Dictionary<string, string> { ["AWS_EXECUTION_ENV"] = "AWS_Lambda_dotnet10" });
                var environment = await BareEnvironment.CreateAsync();
                try
                {
                    await WaitForQuietMomentAsync();
                    var sample = MachineMeter.Start(Environment.ProcessId);
                    environment.Start(spec, viaShell: false);
                    var firstNext = await environment.FirstNext.WaitAsync(TimeSpan.FromSeconds(30));
                    var body = await environment.InvokeAsync(payload).WaitAsync(TimeSpan.FromSeconds(30));
                    var done = Stopwatch.GetTimestamp();
                    var share = sample.Stop();
                    if (Encoding.UTF8.GetString(body.Span) != handler.Expected)
                    {
                        throw new InvalidOperationException($"{handler.Handler} answered {Encoding.UTF8.GetString(body.Span)} under the stand-in.");
                    }
                    if (i >= 0) // Round -1 only warms up the stand-in's JIT.
                    {
                        var (starts, firstResponses, others) = samples[handler.Key];
                        starts.Add(MsSample.Ms(environment.SpawnedAt, firstNext));
                        firstResponses.Add(MsSample.Ms(environment.SpawnedAt, done));
                        others.Add(share.OtherPercent);
                    }
                }
                finally
                {
                    await environment.DisposeAsync();
                }
            }
        }
        var machine = meter.Stop();
        var results = new Dictionary<string, BareCold>();
        foreach (var handler in DotnetHandler.All)
        {
            var (starts, firstResponses, others) = samples[handler.Key];
            results[handler.Key] = new BareCold(starts, firstResponses, others, machine);
            Log(FormattableString.Invariant(
                $"  {handler.Key}: start {new MsSample(starts).Median:0.0} ms, first response {new MsSample(firstResponses).Median:0.0} ms (medians)"));
        }
        Log(FormattableString.Invariant($"  machine {machine.BusyPercent:0}% busy, other work {machine.OtherPercent:0}%"));
        return results;
    }

    /// <summary>A function of one handler, and the code directory its hosts run in once it is known.</summary>
    private sealed class ColdFunction(DotnetHandler handler, TailInvokeClient client)
    {
        public DotnetHandler Handler { get; } = handler;
        public string Name { get; } = $"cold-{handler.Key}";
        public TailInvokeClient Client { get; } = client;
        public string? CodeDirectory { get; set; }
        public TailedInvoke? First { get; set; }
        public List<ColdSample> Samples { get; } = [];
        public int NotCold { get; set; }
    }

    /// <summary>
    /// One <c>fulmen serve --prewarmed-dotnet-hosts {pool}</c>: a function per handler, their cold starts in turns and
    /// (<paramref name="measureWarm"/>) their warm invokes, then the provided.al2023 no-op warm as a reference.
    /// </summary>
    private async Task<(Dictionary<string, FulmenCold> Cold, Dictionary<string, WarmResult> Warm, WarmResult? Provided)> FulmenAsync(int pool, bool measureWarm)
    {
        Log($"dotnet: starting Fulmen with --prewarmed-dotnet-hosts {pool}");
        var home = Directory.CreateDirectory(Path.Combine(workDirectory, $"fulmen-dotnet-pool{pool}")).FullName;
        await using var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, Path.Combine(workDirectory, $"fulmen-dotnet-pool{pool}.log"),
            "--prewarmed-dotnet-hosts", pool.ToString(CultureInfo.InvariantCulture));
        using var api = new FulmenApi(server.BaseUri);
        using var control = new FunctionControl(server.BaseUri);
        if (pool > 0)
        {
            await DotnetHosts.WaitForPoolAsync(server.ProcessId, pool, PoolTimeout);
        }

        var functions = new List<ColdFunction>();
        try
        {
            foreach (var handler in DotnetHandler.All)
            {
                var function = new ColdFunction(handler, new TailInvokeClient(api.InvokeUri($"cold-{handler.Key}"), DotnetHandler.Payload, handler.Expected));
                functions.Add(function);
                await api.CreateFunctionAsync(function.Name, "dotnet10", handler.Handler, Zip(handler), new Dictionary<string, string> { ["BENCH_SAMPLE"] = "created" });
            }
            await PhaseMeter.WaitForQuietAsync();
            foreach (var function in functions)
            {
                // The first cold start of each function; the first of all is the server's very first.
                var before = DotnetHosts.Of(server.ProcessId).Select(h => h.Pid).ToHashSet();
                function.First = await function.Client.InvokeWithTailAsync();
                function.CodeDirectory = DotnetHosts.Of(server.ProcessId).FirstOrDefault(h => !h.Waiting && (!before.Contains(h.Pid) || pool > 0) && h.Cwd is { } cwd && functions.All(f => f.CodeDirectory != cwd))?.Cwd;
                if (function.CodeDirectory is null)
                {
                    Log($"  could not tell which host runs {function.Name}: its samples will not wait for the retired one to exit");
                }
                if (pool > 0)
                {
                    await DotnetHosts.WaitForPoolAsync(server.ProcessId, pool, PoolTimeout);
                }
            }

            Log($"dotnet: Fulmen cold start{(pool > 0 ? $" with {pool} pre-started hosts" : " without the pool")}, {settings.Samples} times each handler, alternating (UpdateFunctionConfiguration, then the first invoke)");
            var meter = MachineMeter.Start(Environment.ProcessId, server.ProcessId);
            for (var i = 0; functions.Any(f => f.Samples.Count < settings.Samples); i++)
            {
                foreach (var function in functions.Where(f => f.Samples.Count < settings.Samples))
                {
                    if (function.NotCold > settings.Samples)
                    {
                        throw new InvalidOperationException($"{function.NotCold} invokes after a configuration change of {function.Name} reused a warm environment.");
                    }
                    var sample = await SampleAsync(server.ProcessId, pool, function, i, control);
                    if (sample.InitMs is null)
                    {
                        function.NotCold++;
                        continue;
                    }
                    function.Samples.Add(sample);
                }
            }
            var machine = meter.Stop();

            var cold = new Dictionary<string, FulmenCold>();
            foreach (var function in functions)
            {
                var result = new FulmenCold(pool, function.First!, function.Samples, function.NotCold, machine);
                cold[function.Handler.Key] = result;
                Log(FormattableString.Invariant(
                    $"  {function.Handler.Key}: first invoke {result.Client.Median:0.0} ms (p90 {result.Client.P90:0.0}), Init Duration {result.Init.Median:0.0} ms, Duration {result.Duration.Median:0.0} ms (medians){(pool > 0 ? $"; {function.Samples.Count(s => s.FromPool)}/{function.Samples.Count} from the pool" : "")}"));
            }
            Log(FormattableString.Invariant($"  machine {machine.BusyPercent:0}% busy, other work {machine.OtherPercent:0}%"));

            var warm = new Dictionary<string, WarmResult>();
            WarmResult? provided = null;
            if (measureWarm)
            {
                foreach (var function in functions)
                {
                    warm[function.Handler.Key] = await WarmAsync(server.ProcessId, function.Handler.Key, function.Handler.Title, function.Client.InvokeAsync, () => function.Client.LastError);
                    // Its environments go, so the next function's phases run beside nothing but the pool.
                    await control.DeleteAsync(function.Name);
                    await DotnetHosts.WaitForExitAsync(DotnetHosts.Of(server.ProcessId).Where(h => !h.Waiting).Select(h => h.Pid).ToList(), TimeSpan.FromSeconds(20));
                }
                if (bootstrap is not null)
                {
                    await api.CreateFunctionAsync("noop-provided", "provided.al2023", "noop", FulmenApi.Zip([("bootstrap", bootstrap, true)]));
                    using var client = new InvokeClient(api.InvokeUri("noop-provided"));
                    provided = await WarmAsync(server.ProcessId, "provided", "provided.al2023 no-op (bench/runtimes/noop-bootstrap.c)", client.InvokeAsync, () => client.LastError);
                }
            }
            return (cold, warm, provided);
        }
        finally
        {
            foreach (var function in functions)
            {
                function.Client.Dispose();
            }
        }
    }

    /// <summary>
    /// The published function, plus a file naming the handler: each function gets its own code directory (they are
    /// keyed by the zip's hash), which is how <see cref="DotnetHosts"/> tells their hosts apart.
    /// </summary>
    private byte[] Zip(DotnetHandler handler)
    {
        var marker = Path.Combine(workDirectory, $"dotnet-noop-{handler.Key}.txt");
        File.WriteAllText(marker, handler.Handler + "\n");
        return FulmenApi.Zip(Directory.EnumerateFiles(functionDirectory, "*", SearchOption.AllDirectories)
            .Select(path => (Path.GetRelativePath(functionDirectory, path), path, false))
            .Append(("bench-handler.txt", marker, false)));
    }

    /// <summary>
    /// Retires the function's environment (a new value of a variable), waits until its host has exited and, with
    /// the pool, until the pool is full and idle, then times the first invoke; with the pool, also the refill.
    /// </summary>
    private async Task<ColdSample> SampleAsync(int serverPid, int pool, ColdFunction function, int i, FunctionControl control)
    {
        var retired = DotnetHosts.Of(serverPid).Where(h => !h.Waiting && h.Cwd == function.CodeDirectory).Select(h => h.Pid).ToList();
        await control.ChangeVariableAsync(function.Name, "BENCH_SAMPLE", i.ToString(CultureInfo.InvariantCulture));
        if (!await DotnetHosts.WaitForExitAsync(retired, TimeSpan.FromSeconds(10)))
        {
            Log($"  the retired environment of {function.Name} was still running after 10 s");
        }
        var waiting = pool > 0 ? (await DotnetHosts.WaitForPoolAsync(serverPid, pool, PoolTimeout)).Hosts : [];
        // Let the retired environment's teardown (cgroup, log stream, listener) finish before the clock starts.
        await Task.Delay(100);
        await WaitForQuietMomentAsync();

        var meter = MachineMeter.Start(Environment.ProcessId, serverPid);
        var started = Stopwatch.GetTimestamp();
        var invoke = await function.Client.InvokeWithTailAsync();
        var machine = meter.Stop();
        if (pool == 0)
        {
            return new ColdSample(invoke.ClientMs, invoke.InitMs, invoke.DurationMs, false, null, null, machine);
        }
        var fromPool = DotnetHosts.Of(serverPid).Any(h => !h.Waiting && waiting.Any(w => w.Pid == h.Pid));
        var (refilled, readyAt) = await DotnetHosts.WaitForPoolAsync(serverPid, pool, PoolTimeout);
        var fresh = refilled.Where(h => waiting.All(w => w.Pid != h.Pid)).ToList();
        return new ColdSample(invoke.ClientMs, invoke.InitMs, invoke.DurationMs, fromPool,
            MsSample.Ms(started, readyAt), fresh.Count == 0 ? null : fresh.Average(h => h.CpuTicks) * 10.0, machine);
    }

    /// <summary>
    /// Before each cold start, up to 3 s for 200 ms with the machine under 20 % busy: a cold start lasts tens of
    /// milliseconds, and the other work on a shared machine comes in bursts.
    /// </summary>
    private static Task<double> WaitForQuietMomentAsync() =>
        MachineMeter.WaitForQuietAsync(TimeSpan.FromMilliseconds(200), 20, TimeSpan.FromSeconds(3));

    /// <summary>The warm phases of the invoke benchmark (Suite.cs): one loop, then N loops on N environments.</summary>
    private async Task<WarmResult> WarmAsync(int serverPid, string key, string title, Func<Task<bool>> invoke, Func<string?> lastError)
    {
        Log($"{key}: warm, concurrency 1, {settings.Count} invokes");
        var c1 = await PhaseMeter.MeasureAsync(serverPid,
            () => ClosedLoop.SequentialAsync(invoke, settings.Warmup, 0), () => ClosedLoop.SequentialAsync(invoke, 0, settings.Count));
        var n = settings.Concurrency;
        Log($"{key}: warm, concurrency {n}, {settings.Seconds} s");
        // A burst of n invokes starts the n environments the loops will use.
        await Task.WhenAll(Enumerable.Range(0, n).Select(_ => invoke()));
        Task<LatencyStats> Loops(double seconds) =>
            ClosedLoop.ConcurrentAsync(n, _ => invoke(), TimeSpan.Zero, TimeSpan.FromSeconds(seconds));
        var cn = await PhaseMeter.MeasureAsync(serverPid, () => Loops(settings.WarmupSeconds), () => Loops(settings.Seconds));
        if (c1.Latency.Errors + cn.Latency.Errors > 0)
        {
            Log($"  {c1.Latency.Errors + cn.Latency.Errors} invokes failed; the last: {lastError()}");
        }
        return new WarmResult(key, title, c1, cn);
    }

    /// <summary>The <c>dotnet</c> that runs this benchmark, which is also the one the server finds (its own).</summary>
    private static string DotnetExecutable()
    {
        if (Path.GetFileName(Environment.ProcessPath) == "dotnet")
        {
            return Environment.ProcessPath!;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "dotnet"))
            .FirstOrDefault(File.Exists) ?? throw new FileNotFoundException("dotnet is not on PATH.");
    }
}
