using System.Globalization;
using System.Text;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.Queues;

/// <summary>The queue benchmarks as Markdown, with the targets (docs/benchmarks.md, "Queues and event source mappings").</summary>
internal static class QueueReport
{
    public const double TargetDrainPerSecond = 10_000;
    public const double TargetP50Ms = 5;
    public const double TargetP99Ms = 25;

    public static string Render(string machine, IReadOnlyList<string> calibration, QueueSettings settings, QueueSuiteResult result)
    {
        var text = Report.Header(machine, calibration);
        if (result.Api is { } api)
        {
            AppendApi(text, api, result.ApiUptime);
        }
        if (result.Drain is { } drain)
        {
            AppendDrain(text, drain);
        }
        if (result.Latency.Count > 0)
        {
            AppendLatency(text, settings, result.Latency);
        }
        return text.ToString();
    }

    private static void AppendApi(StringBuilder text, QueueApiResult api, string? uptime)
    {
        text.AppendLine();
        text.AppendLine(I($"### SQS API on one queue ({api.Senders} senders, {api.Receivers} receivers, {api.Seconds:0.0} s; {uptime})"));
        text.AppendLine();
        text.AppendLine("| | messages/s | calls/s | p50 | p99 | p99.9 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        text.AppendLine(I($"| SendMessageBatch (10 × 100 B) | {api.SentPerSecond:N0} | {api.SendBatch.PerSecond:N0} | {Ms(api.SendBatch.P50Us)} | {Ms(api.SendBatch.P99Us)} | {Ms(api.SendBatch.P999Us)} |"));
        text.AppendLine(I($"| ReceiveMessage (10, 1 s long poll; {api.MessagesPerReceive:0.0} messages each) | {api.DeletedPerSecond:N0} | {api.Receive.PerSecond:N0} | {Ms(api.Receive.P50Us)} | {Ms(api.Receive.P99Us)} | {Ms(api.Receive.P999Us)} |"));
        text.AppendLine(I($"| DeleteMessageBatch | {api.DeletedPerSecond:N0} | {api.DeleteBatch.PerSecond:N0} | {Ms(api.DeleteBatch.P50Us)} | {Ms(api.DeleteBatch.P99Us)} | {Ms(api.DeleteBatch.P999Us)} |"));
        text.AppendLine();
        text.AppendLine(I($"Left in the queue at the end: {api.LeftInQueue:N0}. {Cpu(api.CpuPerMessage, "message (one send or one receive + delete)")}"));

    }

    private static void AppendDrain(StringBuilder text, QueueDrainResult drain)
    {
        text.AppendLine();
        text.AppendLine(I($"### Drain: {drain.Messages:N0} waiting messages, mapping with batch size 10 to the no-op ({drain.Uptime})"));
        text.AppendLine();
        text.AppendLine("| | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(I($"| backlog sent (16 loops of SendMessageBatch) | {drain.Fill.PerSecond * 10:N0} messages/s, batch p50 {Ms(drain.Fill.P50Us)}, p99 {Ms(drain.Fill.P99Us)} |"));
        text.AppendLine(I($"| first handler start after CreateEventSourceMapping | {drain.FirstInvokeSeconds:0.00} s |"));
        text.AppendLine(I($"| every message handled / queue empty | {drain.HandledSeconds:0.00} s / {drain.EmptySeconds:0.00} s |"));
        text.AppendLine(I($"| **drain rate** (messages ÷ time to empty) | **{drain.PerSecond:N0} messages/s** (target ≥ {TargetDrainPerSecond:N0}) |"));
        text.AppendLine(I($"| rate between 10 % and 90 % handled | {drain.SteadyPerSecond:N0} messages/s |"));
        text.AppendLine(I($"| handler starts (deliveries) | {drain.Deliveries:N0} |"));
        text.AppendLine(I($"| CPU per message | {Cpu(drain.CpuPerMessage, "message")} |"));

    }

    private static void AppendLatency(StringBuilder text, QueueSettings settings, IReadOnlyList<QueueLatencyResult> latency)
    {
        text.AppendLine();
        text.AppendLine(I($"### Send → handler start at {settings.LatencyRate:N0} messages/s (window 0)"));
        text.AppendLine();
        text.AppendLine("| batch size | load | sent | handled (deliveries) | p50 | p90 | p99 | p99.9 | max | SendMessage p50 / p99 | server + runtimes CPU per message |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var l in latency)
        {
            text.AppendLine(I($"| {l.BatchSize} | {l.Uptime} | {l.Sent:N0} | {l.Handled:N0} ({l.Deliveries:N0}) | {l.P50Ms:0.00} ms | {l.P90Ms:0.00} ms | **{l.P99Ms:0.00} ms** | {l.P999Ms:0.00} ms | {l.MaxMs:0.0} ms | {Ms(l.SendCall.P50Us)} / {Ms(l.SendCall.P99Us)} | {l.CpuPerMessage.ServerUs + l.CpuPerMessage.RuntimesUs:0} µs |"));
        }
        text.AppendLine();
        text.AppendLine(I($"Targets: p50 ≤ {TargetP50Ms} ms, p99 ≤ {TargetP99Ms} ms."));
    }

    private static string Ms(double us) => I($"{us / 1000:0.00} ms");

    private static string Cpu(CpuUse cpu, string per) =>
        I($"CPU per {per}: server {cpu.ServerUs:0} µs, runtimes {cpu.RuntimesUs:0} µs, client {cpu.ClientUs:0} µs, other {cpu.OtherUs:0} µs; machine {cpu.MachineBusyPercent:0} % busy.");

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
