using Fulmen.Bench.Measurement;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.Queues;

internal sealed record QueueSettings(int Senders, int Receivers, TimeSpan ApiWarmup, TimeSpan ApiDuration, int DrainMessages,
    int LatencyRate, TimeSpan LatencyWarmup, TimeSpan LatencyDuration, int[] LatencyBatchSizes)
{
    public static QueueSettings Full => new(4, 4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 100_000,
        1000, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), [1, 10]);

    public static QueueSettings Quick => new(4, 4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), 20_000,
        1000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), [1, 10]);
}

internal sealed record QueueSuiteResult(string? ApiUptime, QueueApiResult? Api, QueueDrainResult? Drain, IReadOnlyList<QueueLatencyResult> Latency);

/// <summary>
/// The queue benchmarks on one <c>fulmen serve</c>: the SQS API under concurrent senders and receivers, a mapping
/// draining a backlog, and send → handler start at a steady rate. Functions are the compiled no-op with
/// <c>NOOP_STAMP</c>, one stamp file each.
/// </summary>
internal sealed class QueueSuite(QueueSettings settings, string serverDirectory, string work, string bootstrap, IReadOnlySet<string> phases)
{
    public static readonly IReadOnlySet<string> AllPhases = new HashSet<string>(["api", "drain", "latency"], StringComparer.Ordinal);

    public async Task<QueueSuiteResult> RunAsync()
    {
        var home = Directory.CreateDirectory(Path.Combine(work, "queues-server")).FullName;
        var data = Path.Combine(home, ".fulmen");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
        var stampDirectory = Directory.CreateDirectory(Path.Combine(work, "queues-stamps")).FullName;
        foreach (var old in Directory.EnumerateFiles(stampDirectory, "*.log"))
        {
            File.Delete(old);
        }
        PhaseMeter.Log("queues: starting fulmen serve");
        await using var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, Path.Combine(work, "queues-server.log"));
        using var http = LoadHttpClient.Create();
        var sqs = new SqsClient(http, server.BaseUri);
        var mappings = new MappingControl(http, server.BaseUri);
        using var api = new FulmenApi(server.BaseUri);
        var zip = FulmenApi.Zip([("bootstrap", bootstrap, true)]);

        async Task<StampFile> FunctionAsync(string name)
        {
            var stamps = new StampFile(Path.Combine(stampDirectory, name + ".log"));
            await api.CreateFunctionAsync(name, "provided.al2023", "noop", zip, new Dictionary<string, string> { ["NOOP_STAMP"] = stamps.Path });
            return stamps;
        }

        string? apiUptime = null;
        QueueApiResult? apiResult = null;
        if (phases.Contains("api"))
        {
            await PhaseMeter.WaitForQuietAsync();
            apiUptime = Uptime.Read();
            PhaseMeter.Log($"queues: API, {settings.Senders} senders and {settings.Receivers} receivers on one queue; uptime: {apiUptime}");
            apiResult = await QueueApiPhase.RunAsync(sqs, await sqs.CreateQueueAsync("bench-api"), server.ProcessId,
                settings.Senders, settings.Receivers, settings.ApiWarmup, settings.ApiDuration);
            PhaseMeter.Log(FormattableString.Invariant(
                $"  sent {apiResult.SentPerSecond:0}/s, received and deleted {apiResult.DeletedPerSecond:0}/s; SendMessageBatch p50 {apiResult.SendBatch.P50Us / 1000:0.00} ms p99 {apiResult.SendBatch.P99Us / 1000:0.00} ms"));
        }

        QueueDrainResult? drain = null;
        if (phases.Contains("drain"))
        {
            var drainStamps = await FunctionAsync("bench-drain");
            drain = await DrainPhase.RunAsync(sqs, mappings, await sqs.CreateQueueAsync("bench-drain"), "bench-drain", drainStamps,
                server.ProcessId, settings.DrainMessages);
        }

        var latency = new List<QueueLatencyResult>();
        foreach (var batchSize in phases.Contains("latency") ? settings.LatencyBatchSizes : [])
        {
            var name = $"bench-latency-{batchSize}";
            var stamps = await FunctionAsync(name);
            latency.Add(await LatencyPhase.RunAsync(sqs, mappings, await sqs.CreateQueueAsync(name), name, stamps, server.ProcessId,
                batchSize, settings.LatencyRate, settings.LatencyWarmup, settings.LatencyDuration));
        }
        return new QueueSuiteResult(apiUptime, apiResult, drain, latency);
    }
}
