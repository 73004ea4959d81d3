using System.Diagnostics;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Queues;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.RuntimeClients;

/// <summary>One measured phase of one client: latency and rate, and CPU per invoke of its runtimes, the server and this client.</summary>
/// <param name="Environments">Runtime processes of the function during the phase.</param>
/// <param name="OtherPercent">Share of the machine other work took during the phase.</param>
internal sealed record ClientPhase(string Key, int Round, int Concurrency, int Environments, LatencyStats Latency,
    double RuntimeUs, double ServerUs, double ClientUs, double MachineBusyPercent, double OtherPercent, string Load);

internal sealed record RuntimeClientsResult(IReadOnlyList<ClientCase> Cases, IReadOnlyList<ClientPhase> Phases, string LoadBefore, string LoadAfter);

/// <summary>
/// <c>bench/run.sh --runtime-clients</c>: the same no-op function under each Runtime API client (Fulmen's Node.js and
/// Python bootstraps, AWS's clients), all on one <c>fulmen serve</c>. The clients take turns, round after round, with a
/// fixed number of warm invokes one after another and then from concurrent loops; CPU per invoke is utime + stime from
/// <c>/proc</c> of the function's runtime processes, of the server and of this load client, divided by the invokes.
/// </summary>
internal sealed class RuntimeClientsSuite(RuntimeClientSettings settings, string serverDirectory, string workDirectory, IReadOnlyList<ClientCase> cases)
{
    private const double TicksToUs = 10_000;
    private static void Log(string message) => PhaseMeter.Log(message);

    public async Task<RuntimeClientsResult> RunAsync()
    {
        var loadBefore = Uptime.Read();
        Log("runtime clients: starting Fulmen");
        var home = Directory.CreateDirectory(Path.Combine(workDirectory, "fulmen-runtime-clients")).FullName;
        await using var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, Path.Combine(workDirectory, "fulmen-runtime-clients.log"));
        using var api = new FulmenApi(server.BaseUri);

        var clients = new Dictionary<string, (InvokeClient Client, string CodeDirectory)>();
        try
        {
            foreach (var c in cases)
            {
                await api.CreateFunctionAsync(c.FunctionName, c.Runtime, c.Handler, c.Zip());
                var client = new InvokeClient(api.InvokeUri(c.FunctionName));
                var before = EnvironmentProcesses.Children(server.ProcessId).Keys.ToHashSet();
                await client.InvokeOrThrowAsync();
                var started = EnvironmentProcesses.Children(server.ProcessId).Where(p => !before.Contains(p.Key) && p.Value is not null).ToList();
                if (started.Count != 1)
                {
                    client.Dispose();
                    throw new InvalidOperationException($"{c.Key}: expected one new runtime process after the first invoke, found {started.Count}.");
                }
                clients[c.Key] = (client, started[0].Value!);
                Log($"{c.Key}: warming up, {settings.Warmup} invokes (pid {started[0].Key}, {started[0].Value})");
                await ClosedLoop.SequentialAsync(client.InvokeAsync, settings.Warmup, 0);
            }

            var phases = new List<ClientPhase>();
            for (var round = 1; round <= settings.Rounds; round++)
            {
                foreach (var c in cases)
                {
                    var (client, code) = clients[c.Key];
                    Log($"{c.Key}: round {round}, concurrency 1, {settings.Count} invokes");
                    phases.Add(await MeasureAsync(server.ProcessId, c, round, 1, code, client,
                        () => ClosedLoop.SequentialAsync(client.InvokeAsync, 0, settings.Count)));
                }
            }
            var n = settings.Concurrency;
            foreach (var c in cases)
            {
                // A burst of n invokes starts the function's other environments; then a warm-up for the fresh ones.
                var (client, _) = clients[c.Key];
                await Task.WhenAll(Enumerable.Range(0, n).Select(_ => client.InvokeOrThrowAsync()));
                await ClosedLoop.ConcurrentCountAsync(n, client.InvokeAsync, settings.Warmup);
            }
            for (var round = 1; round <= settings.Rounds; round++)
            {
                foreach (var c in cases)
                {
                    var (client, code) = clients[c.Key];
                    Log($"{c.Key}: round {round}, concurrency {n}, {settings.Count} invokes");
                    phases.Add(await MeasureAsync(server.ProcessId, c, round, n, code, client,
                        () => ClosedLoop.ConcurrentCountAsync(n, client.InvokeAsync, settings.Count)));
                }
            }
            return new RuntimeClientsResult(cases, phases, loadBefore, Uptime.Read());
        }
        finally
        {
            foreach (var (client, _) in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<ClientPhase> MeasureAsync(int serverPid, ClientCase c, int round, int concurrency, string codeDirectory,
        InvokeClient client, Func<Task<LatencyStats>> run)
    {
        await PhaseMeter.WaitForQuietAsync(TimeSpan.FromSeconds(5));
        await client.InvokeOrThrowAsync(); // an environment the server retired while idle is started again, outside the phase
        var load = Uptime.Read();
        var pids = EnvironmentProcesses.Of(serverPid, codeDirectory);
        var (machineBusy, machineTotal) = CpuSnapshot.Machine();
        var runtime = EnvironmentProcesses.Ticks(pids);
        var server = EnvironmentProcesses.Ticks(serverPid);
        var self = EnvironmentProcesses.Ticks(Environment.ProcessId);
        var started = Stopwatch.GetTimestamp();

        var stats = await run();

        var runtimeTicks = EnvironmentProcesses.Ticks(pids) - runtime;
        var serverTicks = EnvironmentProcesses.Ticks(serverPid) - server;
        var selfTicks = EnvironmentProcesses.Ticks(Environment.ProcessId) - self;
        var (busyAfter, totalAfter) = CpuSnapshot.Machine();
        var total = Math.Max(1, totalAfter - machineTotal);
        var busy = busyAfter - machineBusy;
        var invokes = Math.Max(1, stats.Count + stats.Errors);
        var after = EnvironmentProcesses.Of(serverPid, codeDirectory);
        if (!after.Order().SequenceEqual(pids.Order()))
        {
            Log($"  the function's runtime processes changed during the phase ({pids.Count} → {after.Count}); its runtime CPU counts the ones it began with");
        }
        if (stats.Errors > 0)
        {
            Log($"  {stats.Errors} invokes failed; the last: {client.LastError}");
        }
        var phase = new ClientPhase(c.Key, round, concurrency, pids.Count, stats,
            runtimeTicks * TicksToUs / invokes, serverTicks * TicksToUs / invokes, selfTicks * TicksToUs / invokes,
            100.0 * busy / total, 100.0 * Math.Max(0, busy - runtimeTicks - serverTicks - selfTicks) / total, load);
        Log(FormattableString.Invariant(
            $"  {stats.Count} ok in {MsSample.Ms(started, Stopwatch.GetTimestamp()) / 1000:0.0} s, p50 {stats.P50Us:0} µs; CPU per invoke: runtime {phase.RuntimeUs:0} µs ({pids.Count} processes), server {phase.ServerUs:0} µs, client {phase.ClientUs:0} µs; other work {phase.OtherPercent:0}% of the machine"));
        return phase;
    }
}
