using System.Diagnostics;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.Queues;

/// <summary>
/// SQS API throughput on one queue: <c>senders</c> loops of SendMessageBatch (10 messages of ~100 bytes) and
/// <c>receivers</c> loops of ReceiveMessage (10, 1 s long poll) + DeleteMessageBatch of what came, all at once over
/// HTTP. Messages per second are those sent, and those received and deleted, in the measured window.
/// </summary>
internal sealed record QueueApiResult(int Senders, int Receivers, double Seconds, double SentPerSecond, double DeletedPerSecond,
    LatencyStats SendBatch, LatencyStats Receive, LatencyStats DeleteBatch, double MessagesPerReceive, long LeftInQueue, CpuUse CpuPerMessage);

internal static class QueueApiPhase
{
    private static readonly string Body = new('x', 100);

    public static async Task<QueueApiResult> RunAsync(SqsClient sqs, string queueUrl, int serverPid, int senders, int receivers, TimeSpan warmup, TimeSpan duration)
    {
        await RunLoopsAsync(sqs, queueUrl, senders, receivers, warmup);
        var before = CpuSnapshot.Take(serverPid);
        var measured = await RunLoopsAsync(sqs, queueUrl, senders, receivers, duration);
        var after = CpuSnapshot.Take(serverPid);
        var seconds = measured.Elapsed / (double)Stopwatch.Frequency;
        var left = await sqs.CountAsync(queueUrl);
        var messages = measured.Sent + measured.Deleted;
        return new QueueApiResult(senders, receivers, seconds, measured.Sent / seconds, measured.Deleted / seconds,
            LatencyStats.From(measured.SendTicks, measured.Elapsed, measured.Errors),
            LatencyStats.From(measured.ReceiveTicks, measured.Elapsed, 0),
            LatencyStats.From(measured.DeleteTicks, measured.Elapsed, 0),
            measured.ReceiveTicks.Count == 0 ? 0 : measured.Received / (double)measured.ReceiveTicks.Count,
            left,
            // Per message moved through the queue (sent, or received and deleted): half a round trip each.
            CpuSnapshot.Between(before, after, messages / 2));
    }

    private sealed class Tally
    {
        public readonly List<long> SendTicks = new(64 * 1024);
        public readonly List<long> ReceiveTicks = new(64 * 1024);
        public readonly List<long> DeleteTicks = new(64 * 1024);
        public long Sent, Received, Deleted, Elapsed;
        public int Errors;
    }

    private static async Task<Tally> RunLoopsAsync(SqsClient sqs, string queueUrl, int senders, int receivers, TimeSpan duration)
    {
        var tally = new Tally();
        var began = Stopwatch.GetTimestamp();
        var deadline = began + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var bodies = Enumerable.Repeat(Body, 10).ToArray();
        var loops = new List<Task>();
        for (var i = 0; i < senders; i++)
        {
            loops.Add(Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var started = Stopwatch.GetTimestamp();
                    var sent = await sqs.SendBatchAsync(queueUrl, bodies);
                    var took = Stopwatch.GetTimestamp() - started;
                    lock (tally)
                    {
                        tally.SendTicks.Add(took);
                        tally.Sent += sent;
                        tally.Errors += bodies.Length - sent;
                    }
                }
            }));
        }
        for (var i = 0; i < receivers; i++)
        {
            loops.Add(Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var started = Stopwatch.GetTimestamp();
                    var handles = await sqs.ReceiveAsync(queueUrl, waitSeconds: 1);
                    var received = Stopwatch.GetTimestamp();
                    lock (tally)
                    {
                        tally.ReceiveTicks.Add(received - started);
                        tally.Received += handles.Count;
                    }
                    if (handles.Count == 0)
                    {
                        continue;
                    }
                    var deleted = await sqs.DeleteBatchAsync(queueUrl, handles);
                    var took = Stopwatch.GetTimestamp() - received;
                    lock (tally)
                    {
                        tally.DeleteTicks.Add(took);
                        tally.Deleted += deleted;
                    }
                }
            }));
        }
        await Task.WhenAll(loops);
        tally.Elapsed = Stopwatch.GetTimestamp() - began;
        return tally;
    }
}
