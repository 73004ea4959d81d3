using System.Diagnostics;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Queues;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.Events;

internal sealed record EventsSettings(int[] RuleCounts, int LatencyRate, TimeSpan Warmup, TimeSpan Duration, int Clients, int EntriesPerCall)
{
    public static EventsSettings Full => new([1, 100, 1000], 200, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 4, 10);

    public static EventsSettings Quick => new([1, 100, 1000], 200, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 4, 10);
}

internal sealed record EventsLatencyResult(int Rules, string Uptime, int Rate, int Sent, int Handled, double P50Ms, double P90Ms, double P99Ms, double MaxMs,
    LatencyStats PutCall);

internal sealed record EventsThroughputResult(int Rules, string Uptime, int Clients, int EntriesPerCall, double Seconds, long Accepted, double AcceptedPerSecond,
    LatencyStats PutCall, CpuUse CpuPerEvent);

internal sealed record EventsSuiteResult(IReadOnlyList<EventsLatencyResult> Latency, IReadOnlyList<EventsThroughputResult> Throughput);

/// <summary>
/// PutEvents → a Lambda target on one <c>fulmen serve</c>, with 1, 100 and 1,000 rules on the bus of which one matches
/// (the others name other detail-types): send → handler start at a steady rate first (the stamping no-op), then
/// accepted events per second from closed-loop clients. All latency phases run before any throughput phase, so no
/// backlog of asynchronous invocations is left behind when a latency is measured.
/// </summary>
internal sealed class EventsSuite(EventsSettings settings, string serverDirectory, string work, string bootstrap)
{
    public async Task<EventsSuiteResult> RunAsync()
    {
        var home = Directory.CreateDirectory(Path.Combine(work, "events-server")).FullName;
        var data = Path.Combine(home, ".fulmen");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
        var stampDirectory = Directory.CreateDirectory(Path.Combine(work, "events-stamps")).FullName;
        foreach (var old in Directory.EnumerateFiles(stampDirectory, "*.log"))
        {
            File.Delete(old);
        }
        PhaseMeter.Log("events: starting fulmen serve");
        await using var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, Path.Combine(work, "events-server.log"));
        using var http = LoadHttpClient.Create();
        var events = new EventsClient(http, server.BaseUri);
        using var api = new FulmenApi(server.BaseUri);
        var zip = FulmenApi.Zip([("bootstrap", bootstrap, true)]);

        var buses = new List<(int Rules, string Bus, StampFile Stamps)>();
        foreach (var count in settings.RuleCounts)
        {
            var bus = $"bench-{count}";
            var function = $"bench-events-{count}";
            var stamps = new StampFile(Path.Combine(stampDirectory, function + ".log"));
            await api.CreateFunctionAsync(function, "provided.al2023", "noop", zip, new Dictionary<string, string> { ["NOOP_STAMP"] = stamps.Path });
            var functionArn = $"arn:aws:lambda:us-east-1:000000000000:function:{function}";
            await events.CreateBusAsync(bus);
            PhaseMeter.Log($"events: {count} rules on {bus}");
            for (var i = 1; i < count; i++)
            {
                await events.PutRuleAsync(bus, $"other-{i}", $$"""{"source":["bench"],"detail-type":["other-{{i}}"]}""", functionArn);
            }
            var matching = await events.PutRuleAsync(bus, "match", """{"source":["bench"],"detail-type":["match"]}""", functionArn);
            await api.AddPermissionAsync(function, "events", "events.amazonaws.com", matching);
            // The first event starts the function's environment: wait for it before any clock runs.
            await events.PutEventsAsync(bus, "match", [Detail(StampFile.NowNs())]);
            await WaitForAsync(stamps, 1, TimeSpan.FromSeconds(60));
            buses.Add((count, bus, stamps));
        }

        var latency = new List<EventsLatencyResult>();
        foreach (var (count, bus, stamps) in buses)
        {
            latency.Add(await LatencyAsync(events, count, bus, stamps));
        }
        var throughput = new List<EventsThroughputResult>();
        foreach (var (count, bus, _) in buses)
        {
            throughput.Add(await ThroughputAsync(events, count, bus, server.ProcessId));
        }
        return new EventsSuiteResult(latency, throughput);
    }

    private static string Detail(long sentNs) => $$"""{"s":"{{StampFile.Body(sentNs)}}"}""";

    private async Task<EventsLatencyResult> LatencyAsync(EventsClient events, int count, string bus, StampFile stamps)
    {
        await PhaseMeter.WaitForQuietAsync();
        var uptime = Uptime.Read();
        PhaseMeter.Log($"events: send → handler start at {settings.LatencyRate}/s with {count} rules; uptime: {uptime}");
        await OpenLoop.PaceAsync(settings.LatencyRate, settings.Warmup, () => PutStampedAsync(events, bus), null);
        var from = StampFile.NowNs();
        var ticks = new List<long>();
        var (sent, elapsed) = await OpenLoop.PaceAsync(settings.LatencyRate, settings.Duration, () => PutStampedAsync(events, bus), ticks);
        var to = StampFile.NowNs();
        var latencies = await stamps.WaitForLatenciesAsync(from, to, sent);
        double At(double q) => OpenLoop.Quantile(latencies, q);
        var result = new EventsLatencyResult(count, uptime, settings.LatencyRate, sent, latencies.Count, At(0.5), At(0.9), At(0.99),
            latencies.Count == 0 ? 0 : latencies[^1], LatencyStats.From(ticks, (long)(elapsed * Stopwatch.Frequency), 0));
        PhaseMeter.Log(FormattableString.Invariant(
            $"  {sent} sent, {result.Handled} handled: p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, max {result.MaxMs:0.0} ms"));
        return result;
    }

    private static Task PutStampedAsync(EventsClient events, string bus) =>
        events.PutEventsAsync(bus, "match", [Detail(StampFile.NowNs())]);

    private async Task<EventsThroughputResult> ThroughputAsync(EventsClient events, int count, string bus, int serverPid)
    {
        await PhaseMeter.WaitForQuietAsync();
        var uptime = Uptime.Read();
        PhaseMeter.Log($"events: PutEvents from {settings.Clients} clients ({settings.EntriesPerCall} entries a call) with {count} rules; uptime: {uptime}");
        var details = Enumerable.Repeat("""{"order":"o-1","total":42}""", settings.EntriesPerCall).ToArray();
        await LoopAsync(events, bus, details, settings.Warmup, null);
        var before = CpuSnapshot.Take(serverPid);
        var ticks = new List<long>();
        var began = Stopwatch.GetTimestamp();
        var accepted = await LoopAsync(events, bus, details, settings.Duration, ticks);
        var elapsed = (Stopwatch.GetTimestamp() - began) / (double)Stopwatch.Frequency;
        var after = CpuSnapshot.Take(serverPid);
        var result = new EventsThroughputResult(count, uptime, settings.Clients, settings.EntriesPerCall, elapsed, accepted, accepted / elapsed,
            LatencyStats.From(ticks, (long)(elapsed * Stopwatch.Frequency), 0), CpuSnapshot.Between(before, after, accepted));
        PhaseMeter.Log(FormattableString.Invariant($"  {result.AcceptedPerSecond:0} events/s accepted; PutEvents p50 {result.PutCall.P50Us / 1000:0.00} ms, p99 {result.PutCall.P99Us / 1000:0.00} ms"));
        return result;
    }

    private async Task<long> LoopAsync(EventsClient events, string bus, string[] details, TimeSpan duration, List<long>? ticks)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long accepted = 0;
        await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await events.PutEventsAsync(bus, "match", details);
                Interlocked.Add(ref accepted, ok);
                if (ticks is not null)
                {
                    lock (ticks)
                    {
                        ticks.Add(Stopwatch.GetTimestamp() - started);
                    }
                }
            }
        })));
        return accepted;
    }

    private static async Task WaitForAsync(StampFile stamps, int lines, TimeSpan guard)
    {
        var clock = Stopwatch.StartNew();
        while (stamps.Refresh() < lines)
        {
            if (clock.Elapsed > guard)
            {
                throw new TimeoutException($"The rule's function ran for nothing within {guard.TotalSeconds} s; see the server log.");
            }
            await Task.Delay(50);
        }
    }
}
