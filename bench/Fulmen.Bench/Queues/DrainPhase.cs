using System.Diagnostics;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.Queues;

/// <summary>
/// A backlog of <c>messages</c> waits in a queue (sent with SendMessageBatch by 16 loops); then a mapping (batch size
/// 10, window 0) to the stamping no-op is created, and the benchmark watches the handler's stamp file until every
/// message has been handled, then GetQueueAttributes until the queue is empty (the last deletes land after the last
/// handler start).
/// </summary>
internal sealed record QueueDrainResult(string Uptime, int Messages, LatencyStats Fill, double FirstInvokeSeconds, double HandledSeconds, double EmptySeconds,
    double PerSecond, double SteadyPerSecond, int Deliveries, CpuUse CpuPerMessage, IReadOnlyList<(double Seconds, int Handled)> Progress);

internal static class DrainPhase
{
    private const int FillLoops = 16;

    public static async Task<QueueDrainResult> RunAsync(SqsClient sqs, MappingControl mappings, string queueUrl, string functionName,
        StampFile stamps, int serverPid, int messages)
    {
        PhaseMeter.Log($"queues: filling a backlog of {messages} messages ({FillLoops} loops of SendMessageBatch)");
        var fill = await ClosedLoop.ConcurrentCountAsync(FillLoops, async () =>
        {
            var now = StampFile.NowNs();
            var bodies = Enumerable.Range(0, 10).Select(i => StampFile.Body(now + i)).ToArray();
            return await sqs.SendBatchAsync(queueUrl, bodies) == bodies.Length;
        }, messages / 10);
        PhaseMeter.Log(FormattableString.Invariant($"  {fill.Count * 10} sent at {fill.PerSecond * 10:0} messages/s (batch p50 {fill.P50Us / 1000:0.00} ms, p99 {fill.P99Us / 1000:0.00} ms)"));
        var backlog = (int)await sqs.CountAsync(queueUrl);

        await PhaseMeter.WaitForQuietAsync();
        var uptime = Uptime.Read();
        PhaseMeter.Log($"queues: drain through a mapping (batch size 10); uptime: {uptime}");
        var arn = await sqs.QueueArnAsync(queueUrl);
        var before = CpuSnapshot.Take(serverPid);
        var clock = Stopwatch.StartNew();
        var uuid = await mappings.CreateAsync(arn, functionName, batchSize: 10, windowSeconds: 0);
        var progress = new List<(double, int)> { (0, 0) };
        var guard = TimeSpan.FromSeconds(Math.Max(120, backlog / 500.0));
        double first = 0, handled = 0;
        while (clock.Elapsed < guard)
        {
            await Task.Delay(100);
            var count = stamps.Refresh();
            progress.Add((clock.Elapsed.TotalSeconds, count));
            if (first == 0 && count > 0)
            {
                first = clock.Elapsed.TotalSeconds;
            }
            if (count >= backlog)
            {
                handled = clock.Elapsed.TotalSeconds;
                break;
            }
        }
        while (clock.Elapsed < guard && await sqs.CountAsync(queueUrl) > 0)
        {
            await Task.Delay(50);
        }
        var empty = clock.Elapsed.TotalSeconds;
        var after = CpuSnapshot.Take(serverPid);
        await mappings.DeleteAsync(uuid);
        var deliveries = stamps.Refresh();
        var steady = Steady(progress, backlog);
        PhaseMeter.Log(FormattableString.Invariant(
            $"  first handler start after {first:0.00} s, all {backlog} handled after {handled:0.00} s, queue empty after {empty:0.00} s: {backlog / empty:0} messages/s (10–90 %: {steady:0}/s)"));
        return new QueueDrainResult(uptime, backlog, fill, first, handled, empty, backlog / empty, steady, deliveries,
            CpuSnapshot.Between(before, after, backlog), progress);
    }

    /// <summary>Messages a second between 10 % and 90 % handled: the rate once the mapping has scaled up, without its start and tail.</summary>
    private static double Steady(List<(double Seconds, int Handled)> progress, int total)
    {
        var from = progress.FirstOrDefault(p => p.Handled >= total / 10);
        var to = progress.FirstOrDefault(p => p.Handled >= total * 9 / 10);
        return to.Seconds > from.Seconds ? (to.Handled - from.Handled) / (to.Seconds - from.Seconds) : 0;
    }
}

/// <summary>The machine's load averages, as <c>uptime</c> prints them.</summary>
internal static class Uptime
{
    public static string Read() => "load average " + string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
