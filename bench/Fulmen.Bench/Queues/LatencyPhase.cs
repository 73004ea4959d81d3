using System.Diagnostics;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.Queues;

/// <summary>
/// Send → handler start through a mapping at a steady rate: one SendMessage per message, issued on a fixed schedule
/// (open loop: a slow answer does not delay the next send), each body carrying CLOCK_REALTIME just before its send;
/// the stamping no-op writes CLOCK_REALTIME when the event has arrived. Both clocks are the same clock of one machine.
/// </summary>
internal sealed record QueueLatencyResult(string Uptime, int BatchSize, int Rate, double Seconds, int Sent, int Handled, int Deliveries,
    double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, LatencyStats SendCall, CpuUse CpuPerMessage);

internal static class LatencyPhase
{
    public static async Task<QueueLatencyResult> RunAsync(SqsClient sqs, MappingControl mappings, string queueUrl, string functionName,
        StampFile stamps, int serverPid, int batchSize, int rate, TimeSpan warmup, TimeSpan duration)
    {
        var uuid = await mappings.CreateAsync(await sqs.QueueArnAsync(queueUrl), functionName, batchSize, windowSeconds: 0);
        // The first message starts the function's environment: wait for it before the clock runs.
        await sqs.SendAsync(queueUrl, StampFile.Body(StampFile.NowNs()));
        await WaitForAsync(stamps, 1, TimeSpan.FromSeconds(60));

        await PhaseMeter.WaitForQuietAsync();
        var uptime = Uptime.Read();
        PhaseMeter.Log($"queues: latency at {rate}/s, batch size {batchSize}; uptime: {uptime}");
        await OpenLoop.PaceAsync(rate, warmup, () => SendStampedAsync(sqs, queueUrl), sendTicks: null);
        var from = StampFile.NowNs();
        var before = CpuSnapshot.Take(serverPid);
        var sendTicks = new List<long>((int)(rate * duration.TotalSeconds) + 16);
        var (sent, elapsed) = await OpenLoop.PaceAsync(rate, duration, () => SendStampedAsync(sqs, queueUrl), sendTicks);
        var to = StampFile.NowNs();
        var after = CpuSnapshot.Take(serverPid);

        var latencies = await stamps.WaitForLatenciesAsync(from, to, sent);
        await mappings.DeleteAsync(uuid);
        var handled = stamps.Lines.Where(l => l.Sent >= from && l.Sent < to).Select(l => l.Sent).Distinct().Count();
        double At(double q) => OpenLoop.Quantile(latencies, q);
        var result = new QueueLatencyResult(uptime, batchSize, rate, elapsed, sent, handled, latencies.Count,
            At(0.50), At(0.90), At(0.99), At(0.999), latencies.Count == 0 ? 0 : latencies[^1],
            LatencyStats.From(sendTicks, (long)(elapsed * Stopwatch.Frequency), 0), CpuSnapshot.Between(before, after, sent));
        PhaseMeter.Log(FormattableString.Invariant(
            $"  {sent} sent, {handled} handled: send → handler start p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, max {result.MaxMs:0.0} ms"));
        return result;
    }

    private static Task SendStampedAsync(SqsClient sqs, string queueUrl) => sqs.SendAsync(queueUrl, StampFile.Body(StampFile.NowNs()));

    private static async Task WaitForAsync(StampFile stamps, int lines, TimeSpan guard)
    {
        var clock = Stopwatch.StartNew();
        while (stamps.Refresh() < lines)
        {
            if (clock.Elapsed > guard)
            {
                throw new TimeoutException($"The mapping handled nothing within {guard.TotalSeconds} s; see the server log.");
            }
            await Task.Delay(50);
        }
    }
}
