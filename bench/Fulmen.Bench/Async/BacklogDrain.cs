using System.Diagnostics;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.Async;

/// <summary>
/// A backlog enqueued while the gate held every dispatch slot, then drained once the gate opened: how fast,
/// and the CPU per event while draining ("client" is the queue probe).
/// </summary>
/// <remarks>
/// <see cref="ReadyPerSecond"/> counts only the intervals that began with at least as many ready events as
/// dispatch has slots: the rate dispatch sustains when it always has work (with the gate, that is nearly
/// the whole drain; <see cref="PerSecond"/> includes the start and the tail).
/// </remarks>
internal sealed record DrainResult(int Backlog, LatencyStats Enqueue, double Seconds, double PerSecond, double ReadySeconds, double ReadyPerSecond,
    CpuUse Cpu, long Remaining, long Succeeded, IReadOnlyList<DrainSample> Progress, double WalMegabytes);

/// <summary>Events finished <see cref="Seconds"/> after the gate opened, and how many were ready to run.</summary>
internal readonly record struct DrainSample(double Seconds, long Done, long Ready);

internal static class BacklogDrain
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Holds all <paramref name="slots"/> dispatch slots with the gate, enqueues <paramref name="backlog"/> events
    /// for <paramref name="name"/>, opens the gate and watches the queue empty.
    /// </summary>
    public static async Task<DrainResult> RunAsync(ServerProcess server, FulmenApi api, QueueProbe probe, RuntimeCase function,
        string name, string dataDirectory, string gateFile, int backlog, int clients, int slots)
    {
        var gate = await DispatchGate.CloseAsync(api, probe, function, gateFile, slots);
        PhaseMeter.Log($"async: enqueueing a backlog of {backlog} events ({clients} clients) while the gate holds dispatch");
        using var client = new EventClient(api.InvokeUri(name), EventPayload.Bytes);
        var enqueue = await ClosedLoop.ConcurrentCountAsync(clients, client.EnqueueAsync, backlog);
        AsyncSuite.ReportErrors(enqueue, client.LastError);
        PhaseMeter.Log(FormattableString.Invariant($"  {enqueue.Count} accepted in {enqueue.Count / enqueue.PerSecond:0.0} s ({enqueue.PerSecond:0}/s, p99 {enqueue.P99Us / 1000:0.0} ms)"));

        var accepted = enqueue.Count;
        var guard = TimeSpan.FromSeconds(Math.Max(60, accepted / 250.0));
        PhaseMeter.Log($"async: opening the gate; draining at --async-concurrency {slots}");
        var before = CpuSnapshot.Take(server.ProcessId);
        var clock = Stopwatch.StartNew();
        gate.Open();
        var samples = new List<DrainSample> { new(0, 0, accepted) };
        QueueStatus status;
        do
        {
            await Task.Delay(PollEvery);
            status = await probe.ReadAsync(name);
            samples.Add(new DrainSample(clock.Elapsed.TotalSeconds, accepted - status.Remaining, status.Waiting));
        }
        while (status.Remaining > 0 && clock.Elapsed < guard);
        var seconds = clock.Elapsed.TotalSeconds;
        var after = CpuSnapshot.Take(server.ProcessId);
        var drained = samples[^1].Done;
        var cpu = CpuSnapshot.Between(before, after, drained);
        var (readySeconds, readyRate) = WhileReady(samples, slots);
        PhaseMeter.Log(FormattableString.Invariant(
            $"  {drained} events drained in {seconds:0.0} s: {drained / seconds:0}/s overall, {readyRate:0}/s over the {readySeconds:0.0} s with ≥ {slots} ready; machine {cpu.MachineBusyPercent:0}% busy"));
        if (status.Remaining > 0)
        {
            PhaseMeter.Log($"  {status.Remaining} events were still queued after {guard.TotalSeconds:0} s; see the server log");
        }
        return new DrainResult(accepted, enqueue, seconds, drained / seconds, readySeconds, readyRate, cpu, status.Remaining, status.Succeeded,
            samples, WalFile.Megabytes(dataDirectory));
    }

    /// <summary>Time and rate over the intervals that began with every slot's worth of events ready.</summary>
    private static (double Seconds, double PerSecond) WhileReady(List<DrainSample> samples, int slots)
    {
        double seconds = 0;
        long done = 0;
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i - 1].Ready >= slots)
            {
                seconds += samples[i].Seconds - samples[i - 1].Seconds;
                done += samples[i].Done - samples[i - 1].Done;
            }
        }
        return (seconds, seconds > 0 ? done / seconds : 0);
    }
}
