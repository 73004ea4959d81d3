using System.Globalization;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.HttpTrigger;

/// <summary>wrk's shape (the issue's: 2 threads, 8 connections, 10 s) and how often each server is measured.</summary>
/// <remarks>
/// The rounds alternate which server goes first, so a slow drift of the machine (another tenant, thermal) falls
/// on both. The warm-up runs the same load long enough for V8 to optimise the hot paths of every environment.
/// </remarks>
internal sealed record HttpTriggerSettings(int Threads, int Connections, double Seconds, double WarmupSeconds, int Rounds, double QuietSeconds)
{
    public static HttpTriggerSettings Full { get; } = new(2, 8, 10, 12, 2, 5);
    public static HttpTriggerSettings Quick { get; } = new(2, 8, 3, 3, 1, 2);
}

/// <summary>One wrk run against one server, with where the CPU went per request.</summary>
/// <param name="WrkUs">wrk's own CPU per request.</param>
/// <param name="Cpu">Per request: server (Fulmen, or serverless-offline with its worker threads), its child processes (Fulmen's Node.js environments), and other work besides wrk.</param>
/// <param name="Environments">Fulmen: Node.js child processes after the run; serverless-offline: its threads after the run.</param>
internal sealed record HttpPhase(string Server, int Round, WrkResult Wrk, double WrkUs, CpuUse Cpu, int Environments);

internal sealed record HttpTriggerResult(IReadOnlyList<HttpPhase> Phases, string FulmenUrl, string OfflineUrl, int OfflineThreadsIdle);

/// <summary>
/// The HTTP-trigger comparison: the same Node.js hello-world behind a Fulmen function URL (nodejs20.x, one
/// child process per concurrent environment) and behind serverless-offline's HTTP API (its default: handlers in
/// worker threads of its own process), both driven by wrk in the same run.
/// </summary>
internal sealed class HttpTriggerSuite(HttpTriggerSettings settings, string serverDirectory, string workDirectory, string offlineDirectory)
{
    public const string FulmenName = "Fulmen function URL";
    public const string OfflineName = "serverless-offline";
    public const string InvokeName = "Fulmen Invoke API (reference)";

    /// <summary>wrk sends GETs; the Invoke API wants a POST with the event.</summary>
    private const string InvokeScript = "wrk.method = \"POST\"\nwrk.body = \"{}\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n";

    public async Task<HttpTriggerResult> RunAsync()
    {
        var home = Directory.CreateDirectory(Path.Combine(workDirectory, "fulmen-http")).FullName;
        PhaseMeter.Log("http: starting Fulmen and serverless-offline");
        await using var fulmen = await ServerProcess.StartFulmenAsync(serverDirectory, home, Path.Combine(workDirectory, "fulmen-http.log"));
        using var api = new FulmenApi(fulmen.BaseUri);
        var handler = Path.Combine(offlineDirectory, "handler.js");
        await api.CreateFunctionAsync("hello", "nodejs20.x", "handler.handler", FulmenApi.Zip([("handler.js", handler, false)]));
        var functionUrl = await api.CreateFunctionUrlAsync("hello");
        // The path form on the same listener as the host form: wrk then needs no name resolution or Host header.
        var fulmenUrl = $"{fulmen.BaseUri}_aws/lambda-url/{functionUrl.Host.Split('.')[0]}/hello";

        var offlinePort = ServerProcess.FreePort();
        await using var offline = await ServerProcess.StartAsync("node",
            [Path.Combine(offlineDirectory, "node_modules", "serverless", "bin", "serverless.js"), "offline", "start",
             "--httpPort", Port(offlinePort), "--lambdaPort", Port(ServerProcess.FreePort())],
            offlinePort, Path.Combine(workDirectory, "serverless-offline.log"), "/", stopByClosingInput: false, workingDirectory: offlineDirectory);
        var offlineUrl = $"{offline.BaseUri}hello";
        var idleThreads = ChildCpu.Threads(offline.ProcessId);

        // The same function through the Lambda Invoke API: what the function URL's front adds, on the same environments.
        var script = Path.Combine(workDirectory, "invoke.lua");
        await File.WriteAllTextAsync(script, InvokeScript);
        var targets = new[]
        {
            (Name: FulmenName, Url: fulmenUrl, Pid: fulmen.ProcessId, Script: (string?)null),
            (Name: OfflineName, Url: offlineUrl, Pid: offline.ProcessId, Script: null),
            (Name: InvokeName, Url: api.InvokeUri("hello").ToString(), Pid: fulmen.ProcessId, Script: script),
        };
        foreach (var target in targets)
        {
            PhaseMeter.Log($"http: warming up {target.Name} ({target.Url}), {settings.WarmupSeconds} s");
            var (warm, output) = await Wrk.RunAsync(target.Url, settings.Threads, settings.Connections, settings.WarmupSeconds, target.Script);
            if (warm.Requests == 0 || warm.Failures > 0)
            {
                throw new InvalidOperationException($"{target.Name} failed during the warm-up:\n{output}");
            }
        }

        var phases = new List<HttpPhase>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // The two servers the issue compares back to back, alternating which goes first; the reference last.
            var (first, second) = round % 2 == 1 ? (targets[0], targets[1]) : (targets[1], targets[0]);
            foreach (var target in new[] { first, second, targets[2] })
            {
                phases.Add(await MeasureAsync(target.Name, round, target.Url, target.Pid, target.Name != OfflineName, target.Script));
            }
        }
        return new HttpTriggerResult(phases, fulmenUrl, offlineUrl, idleThreads);
    }

    private async Task<HttpPhase> MeasureAsync(string name, int round, string url, int pid, bool countChildren, string? script)
    {
        await PhaseMeter.WaitForQuietAsync(TimeSpan.FromSeconds(settings.QuietSeconds));
        PhaseMeter.Log($"http: round {round}, {name}, wrk -t{settings.Threads} -c{settings.Connections} -d{settings.Seconds}s --latency");
        var before = CpuSnapshot.Take(pid);
        var wrkBefore = ChildCpu.Ticks();
        var (result, _) = await Wrk.RunAsync(url, settings.Threads, settings.Connections, settings.Seconds, script);
        var wrkTicks = ChildCpu.Ticks() - wrkBefore;
        var after = CpuSnapshot.Take(pid);
        var cpu = CpuSnapshot.Between(before, after, result.Requests);
        var wrkUs = result.Requests == 0 ? 0 : wrkTicks * 10_000.0 / result.Requests;
        // The load client of CpuSnapshot is this (idle) process; wrk is what "other" would otherwise count.
        cpu = cpu with { ClientUs = cpu.ClientUs + wrkUs, OtherUs = Math.Max(0, cpu.OtherUs - wrkUs) };
        var environments = countChildren ? ChildCpu.Children(pid, "node") : ChildCpu.Threads(pid);
        PhaseMeter.Log(FormattableString.Invariant(
            $"  {result.PerSecond:0} req/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, {result.Failures} failed; CPU/request: wrk {wrkUs:0} µs, server {cpu.ServerUs:0} µs, children {cpu.RuntimesUs:0} µs, other {cpu.OtherUs:0} µs; machine {cpu.MachineBusyPercent:0}% busy"));
        return new HttpPhase(name, round, result, wrkUs, cpu, environments);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
