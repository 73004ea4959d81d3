using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fulmen.Bench.Bare;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.DotnetCold;

/// <summary>What one warm invoke costs the .NET host itself, measured against the bare stand-in.</summary>
/// <param name="Invokes">How many sequential invokes were counted.</param>
/// <param name="HostCpuUs">The host process's CPU (utime + stime of all its threads, from <c>/proc/PID/stat</c>) ÷ invokes.</param>
/// <param name="BenchCpuUs">This process's CPU (the stand-in and the loop driving it) ÷ invokes, for scale.</param>
/// <param name="PerSecond">Invokes per second of the sequential loop.</param>
internal sealed record HostCpuResult(int Invokes, double HostCpuUs, double BenchCpuUs, double PerSecond, MachineShare Machine);

/// <summary>
/// The host's CPU per warm invoke with nothing else in the way: <c>dotnet Fulmen.Lambda.RuntimeHost.dll</c> against an
/// in-process <see cref="BareEnvironment"/>, warmed up (and given time for tiered compilation to settle), then
/// invocations one after another; only the hosts' own processes are counted. With several hosts at once (as the warm
/// phase at concurrency N runs them through Fulmen), their idle threads compete for the 2 CPUs as they do there.
/// </summary>
internal static class HostCpu
{
    /// <summary><paramref name="concurrency"/> hosts, each against its own stand-in and driven by its own sequential loop; <paramref name="invokes"/> in all.</summary>
    public static async Task<HostCpuResult> MeasureAsync(string dotnet, string hostDll, string functionDirectory, DotnetHandler handler, int warmup, int invokes, int concurrency)
    {
        var payload = Encoding.UTF8.GetBytes(DotnetHandler.Payload);
        var spec = new RuntimeSpec(dotnet, [hostDll], functionDirectory, handler.Handler,
            new Dictionary<string, string> { ["AWS_EXECUTION_ENV"] = "AWS_Lambda_dotnet10" });
        var environments = new List<BareEnvironment>();
        try
        {
            for (var i = 0; i < concurrency; i++)
            {
                var environment = await BareEnvironment.CreateAsync();
                environments.Add(environment);
                environment.Start(spec, viaShell: true);
                await environment.FirstNext.WaitAsync(TimeSpan.FromSeconds(60));
            }
            async Task LoopAsync(BareEnvironment environment, int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var body = await environment.InvokeAsync(payload).WaitAsync(TimeSpan.FromSeconds(30));
                    if (i == 0 && Encoding.UTF8.GetString(body.Span) != handler.Expected)
                    {
                        throw new InvalidOperationException($"{handler.Handler} answered {Encoding.UTF8.GetString(body.Span)} under the stand-in.");
                    }
                }
            }
            Task AllAsync(int each) => Task.WhenAll(environments.Select(e => Task.Run(() => LoopAsync(e, each))));

            // Two warm-up rounds with a pause between: tiered compilation (with PGO) re-compiles hot methods in the
            // background after a quiet 100 ms, and that work belongs to start-up, not to the warm path.
            await AllAsync(warmup);
            await Task.Delay(500);
            await AllAsync(warmup);
            await Task.Delay(500);

            long HostTicks() => environments.Sum(e => DotnetHosts.TreeTicks(e.ProcessId));
            var each = invokes / concurrency;
            var meter = MachineMeter.Start(Environment.ProcessId);
            var hostBefore = HostTicks();
            var benchBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            await AllAsync(each);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var hostTicks = HostTicks() - hostBefore;
            var benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchBefore;
            var machine = meter.Stop();
            var total = each * concurrency;
            var result = new HostCpuResult(total, hostTicks * 10_000.0 / total, benchCpu.TotalMicroseconds / total, total / elapsed.TotalSeconds, machine);
            PhaseMeter.Log(string.Create(CultureInfo.InvariantCulture,
                $"  {handler.Key}, concurrency {concurrency}: host {result.HostCpuUs:0} µs CPU per warm invoke ({total} invokes, {result.PerSecond:0}/s; stand-in {result.BenchCpuUs:0} µs); machine {machine.BusyPercent:0}% busy, other work {machine.OtherPercent:0}%"));
            return result;
        }
        finally
        {
            foreach (var environment in environments)
            {
                await environment.DisposeAsync();
            }
        }
    }
}
