using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Fulmen.Bench.DotnetCold;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.ScriptCold;

/// <summary>The handler module's own load, timed by the runtime in a fresh process, and that whole process (spawn → exit).</summary>
internal sealed record ModuleLoad(IReadOnlyList<double> LoadMs, IReadOnlyList<double> ProcessMs);

/// <summary>Cold starts of one function on one server (see <see cref="DotnetCold.FulmenCold"/>); with the pool, how many ran in a pre-started host.</summary>
internal sealed record ScriptCold(int PoolSize, IReadOnlyList<ColdSample> Samples, int NotCold)
{
    public MsSample Client => new(Samples.Select(s => s.ClientMs).ToList());
    public MsSample Init => new(Samples.Where(s => s.InitMs is not null).Select(s => s.InitMs!.Value).ToList());
    public MsSample Duration => new(Samples.Where(s => s.DurationMs is not null).Select(s => s.DurationMs!.Value).ToList());
}

internal sealed record ScriptHandlerResult(ScriptHandler Handler, ModuleLoad Load, ScriptCold? NoPool, ScriptCold? Pool);

internal sealed record ScriptColdResult(IReadOnlyList<ScriptHandlerResult> Handlers, string Node, string Python);

/// <summary>
/// Node.js and Python cold starts (<c>bench/run.sh --script-cold-start</c>): each handler module's own load time measured
/// by the runtime in a fresh process, then the first invoke through <c>fulmen serve</c> without and with pre-started
/// runtimes (<c>--prewarmed-node-hosts</c> / <c>--prewarmed-python-hosts</c>). The functions' cold starts alternate
/// sample by sample, so that the other work of a shared machine falls on all alike.
/// </summary>
internal sealed class ScriptColdSuite(ScriptColdSettings settings, string serverDirectory, string workDirectory)
{
    private static readonly TimeSpan PoolTimeout = TimeSpan.FromSeconds(60);
    private static void Log(string message) => PhaseMeter.Log(message);

    public async Task<ScriptColdResult> RunAsync()
    {
        var node = Which("node");
        var python = Which("python3");
        var handlers = ScriptHandler.All.Where(h => (h.IsNode ? node : python) is not null).ToList();
        var loads = new Dictionary<string, ModuleLoad>();
        await PhaseMeter.WaitForQuietAsync();
        foreach (var handler in handlers)
        {
            Log($"{handler.Key}: the handler module's own load in a fresh runtime, {settings.Samples} times");
            loads[handler.Key] = await ModuleLoadAsync(handler, handler.IsNode ? node! : python!);
            Log(FormattableString.Invariant($"  module load {new MsSample(loads[handler.Key].LoadMs).Median:0.00} ms, process {new MsSample(loads[handler.Key].ProcessMs).Median:0.0} ms (medians)"));
        }
        var noPool = await FulmenAsync(handlers, pool: 0);
        var pool = await FulmenAsync(handlers, settings.PoolSize);
        return new ScriptColdResult(
            handlers.Select(h => new ScriptHandlerResult(h, loads[h.Key], noPool.GetValueOrDefault(h.Key), pool.GetValueOrDefault(h.Key))).ToList(),
            node ?? "(not installed)", python ?? "(not installed)");
    }

    /// <summary>The code unpacked as Fulmen unpacks it, then the interpreter timing its own load of the module, once to warm the page cache and then the samples.</summary>
    private async Task<ModuleLoad> ModuleLoadAsync(ScriptHandler handler, string interpreter)
    {
        var code = Directory.CreateDirectory(Path.Combine(workDirectory, "script-cold-code", handler.Key)).FullName;
        await File.WriteAllTextAsync(Path.Combine(code, handler.File), handler.Source);
        var loads = new List<double>();
        var processes = new List<double>();
        for (var i = -1; i < settings.Samples; i++)
        {
            await MachineMeter.WaitForQuietAsync(TimeSpan.FromMilliseconds(200), 20, TimeSpan.FromSeconds(3));
            var start = new ProcessStartInfo(interpreter) { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = code };
            foreach (var argument in handler.LoadTimer)
            {
                start.ArgumentList.Add(argument);
            }
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var elapsed = MsSample.Ms(started, Stopwatch.GetTimestamp());
            if (process.ExitCode != 0 || !double.TryParse(output.Trim(), CultureInfo.InvariantCulture, out var load))
            {
                throw new InvalidOperationException($"{interpreter} could not time the load of {handler.Key}: exit {process.ExitCode}, {output}");
            }
            if (i >= 0)
            {
                loads.Add(load);
                processes.Add(elapsed);
            }
        }
        return new ModuleLoad(loads, processes);
    }

    private sealed class ColdFunction(ScriptHandler handler, TailInvokeClient client)
    {
        public ScriptHandler Handler { get; } = handler;
        public string Name => $"cold-{Handler.Key}";
        public TailInvokeClient Client { get; } = client;
        public string? CodeDirectory { get; set; }
        public List<ColdSample> Samples { get; } = [];
        public int NotCold { get; set; }
    }

    /// <summary>One <c>fulmen serve</c> with <paramref name="pool"/> pre-started runtimes of each kind: a function per handler, their cold starts in turns.</summary>
    private async Task<Dictionary<string, ScriptCold>> FulmenAsync(IReadOnlyList<ScriptHandler> handlers, int pool)
    {
        var size = pool.ToString(CultureInfo.InvariantCulture);
        Log($"script: starting Fulmen with --prewarmed-node-hosts {size} --prewarmed-python-hosts {size}");
        var home = Directory.CreateDirectory(Path.Combine(workDirectory, $"fulmen-script-pool{pool}")).FullName;
        await using var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, Path.Combine(workDirectory, $"fulmen-script-pool{pool}.log"),
            "--prewarmed-node-hosts", size, "--prewarmed-python-hosts", size);
        using var api = new FulmenApi(server.BaseUri);
        using var control = new FunctionControl(server.BaseUri);
        var functions = handlers.Select(h => new ColdFunction(h, new TailInvokeClient(api.InvokeUri($"cold-{h.Key}"), ScriptHandler.Payload, ScriptHandler.Expected))).ToList();
        try
        {
            foreach (var function in functions)
            {
                await api.CreateFunctionAsync(function.Name, function.Handler.Runtime, function.Handler.Handler, Zip(function.Handler),
                    new Dictionary<string, string> { ["BENCH_SAMPLE"] = "created" });
                await WaitForPoolAsync(server.ProcessId, pool, function.Handler);
                await function.Client.InvokeWithTailAsync();
                var known = functions.Select(f => f.CodeDirectory).ToHashSet();
                function.CodeDirectory = DotnetHosts.Of(server.ProcessId, function.Handler.Bootstrap).FirstOrDefault(h => !h.Waiting && !known.Contains(h.Cwd))?.Cwd;
            }
            Log($"script: Fulmen cold start{(pool > 0 ? $" with {pool} pre-started runtimes of each kind" : " without pre-started runtimes")}, {settings.Samples} times each function, alternating");
            while (functions.Any(f => f.Samples.Count < settings.Samples))
            {
                foreach (var function in functions.Where(f => f.Samples.Count < settings.Samples))
                {
                    if (function.NotCold > settings.Samples)
                    {
                        throw new InvalidOperationException($"{function.NotCold} invokes after a configuration change of {function.Name} reused a warm environment.");
                    }
                    var sample = await SampleAsync(server, api, pool, function, control);
                    if (sample.InitMs is null)
                    {
                        function.NotCold++;
                        continue;
                    }
                    function.Samples.Add(sample);
                }
            }
            var cold = new Dictionary<string, ScriptCold>();
            foreach (var function in functions)
            {
                var result = new ScriptCold(pool, function.Samples, function.NotCold);
                cold[function.Handler.Key] = result;
                Log(FormattableString.Invariant(
                    $"  {function.Handler.Key}: first invoke {result.Client.Median:0.0} ms (p90 {result.Client.P90:0.0}), Init Duration {result.Init.Median:0.0} ms, Duration {result.Duration.Median:0.0} ms (medians){(pool > 0 ? $"; {function.Samples.Count(s => s.FromPool)}/{function.Samples.Count} in a pre-started runtime" : "")}"));
            }
            return cold;
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
    /// Retires the function's environment (a new value of a variable), waits until its runtime has exited and, with the
    /// pool, until the pool is full and idle, then times the first invoke. The pool's <c>taken</c> counter tells whether a
    /// pre-started runtime served it.
    /// </summary>
    private async Task<ColdSample> SampleAsync(ServerProcess server, FulmenApi api, int pool, ColdFunction function, FunctionControl control)
    {
        var retired = DotnetHosts.Of(server.ProcessId, function.Handler.Bootstrap).Where(h => !h.Waiting && h.Cwd == function.CodeDirectory).Select(h => h.Pid).ToList();
        await control.ChangeVariableAsync(function.Name, "BENCH_SAMPLE", (function.Samples.Count + function.NotCold).ToString(CultureInfo.InvariantCulture));
        if (!await DotnetHosts.WaitForExitAsync(retired, TimeSpan.FromSeconds(10)))
        {
            Log($"  the retired environment of {function.Name} was still running after 10 s");
        }
        await WaitForPoolAsync(server.ProcessId, pool, function.Handler);
        await Task.Delay(100);
        await MachineMeter.WaitForQuietAsync(TimeSpan.FromMilliseconds(200), 20, TimeSpan.FromSeconds(3));

        var takenBefore = pool > 0 ? await PoolMetrics.TakenAsync(server.BaseUri, function.Handler.IsNode ? "nodejs" : "python") : 0;
        var meter = MachineMeter.Start(Environment.ProcessId, server.ProcessId);
        var invoke = await function.Client.InvokeWithTailAsync();
        var machine = meter.Stop();
        var fromPool = pool > 0 && await PoolMetrics.TakenAsync(server.BaseUri, function.Handler.IsNode ? "nodejs" : "python") == takenBefore + 1;
        return new ColdSample(invoke.ClientMs, invoke.InitMs, invoke.DurationMs, fromPool, null, null, machine);
    }

    private static Task WaitForPoolAsync(int serverPid, int pool, ScriptHandler handler) =>
        pool > 0 ? DotnetHosts.WaitForPoolAsync(serverPid, pool, PoolTimeout, handler.Bootstrap) : Task.CompletedTask;

    /// <summary>The handler module plus a file naming the function, so that each function has a code directory of its own.</summary>
    private static byte[] Zip(ScriptHandler handler)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in new[] { (handler.File, handler.Source), ("bench-function.txt", handler.Key + "\n") })
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(text);
            }
        }
        return buffer.ToArray();
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program)).FirstOrDefault(File.Exists);
}
