using System.Diagnostics;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Queues;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.Topics;

internal sealed record TopicsSettings(int Subscriptions, int Clients, TimeSpan Warmup, TimeSpan Duration)
{
    public static TopicsSettings Full => new(10, 4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

    public static TopicsSettings Quick => new(10, 4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
}

/// <param name="Protocol">lambda or sqs.</param>
/// <param name="Published">Messages Publish accepted in the measured phase.</param>
/// <param name="Delivered">Deliveries that arrived (Published × subscriptions when none is lost).</param>
/// <param name="DeliverySeconds">From the first publish until the last delivery arrived.</param>
internal sealed record TopicsResult(string Protocol, string Uptime, int Subscriptions, int Clients, double PublishSeconds, long Published,
    double PublishedPerSecond, LatencyStats PublishCall, long Delivered, double DeliverySeconds, double DeliveredPerSecond, double? P50Ms, double? P99Ms);

/// <summary>
/// Publish → 10 subscriptions, each with a filter policy on the message attributes that the message matches: 10
/// functions (the stamping no-op, invoked asynchronously; each delivery is a run), then 10 queues (raw delivery).
/// Closed-loop clients publish for the phase's duration; deliveries/s counts from the first publish until the last
/// delivery arrived, so it is what the delivery path sustains behind Publish, not what Publish accepts.
/// </summary>
internal sealed class TopicsSuite(TopicsSettings settings, string serverDirectory, string work, string bootstrap)
{
    public async Task<IReadOnlyList<TopicsResult>> RunAsync()
    {
        var home = Directory.CreateDirectory(Path.Combine(work, "topics-server")).FullName;
        var data = Path.Combine(home, ".fulmen");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
        var stampDirectory = Directory.CreateDirectory(Path.Combine(work, "topics-stamps")).FullName;
        foreach (var old in Directory.EnumerateFiles(stampDirectory, "*.log"))
        {
            File.Delete(old);
        }
        PhaseMeter.Log("topics: starting fulmen serve");
        await using var server = await ServerProcess.StartFulmenAsync(serverDirectory, home, Path.Combine(work, "topics-server.log"));
        using var http = LoadHttpClient.Create();
        var topics = new TopicsClient(http, server.BaseUri);
        var sqs = new SqsClient(http, server.BaseUri);
        using var api = new FulmenApi(server.BaseUri);
        var zip = FulmenApi.Zip([("bootstrap", bootstrap, true)]);

        var toFunctions = await topics.CreateTopicAsync("bench-to-functions");
        var stamps = new List<StampFile>();
        for (var i = 0; i < settings.Subscriptions; i++)
        {
            var function = $"bench-topic-{i}";
            var file = new StampFile(Path.Combine(stampDirectory, function + ".log"));
            await api.CreateFunctionAsync(function, "provided.al2023", "noop", zip, new Dictionary<string, string> { ["NOOP_STAMP"] = file.Path });
            await api.AddPermissionAsync(function, "sns", "sns.amazonaws.com", toFunctions);
            await topics.SubscribeAsync(toFunctions, "lambda", $"arn:aws:lambda:us-east-1:000000000000:function:{function}", Policy(i));
            stamps.Add(file);
        }
        var toQueues = await topics.CreateTopicAsync("bench-to-queues");
        var queues = new List<string>();
        for (var i = 0; i < settings.Subscriptions; i++)
        {
            var url = await sqs.CreateQueueAsync($"bench-topic-{i}");
            await topics.SubscribeAsync(toQueues, "sqs", await sqs.QueueArnAsync(url),
                new Dictionary<string, string>(Policy(i)) { ["RawMessageDelivery"] = "true" });
            queues.Add(url);
        }
        // The first message starts every function's environment: wait for them before any clock runs.
        await topics.PublishAsync(toFunctions, StampFile.Body(StampFile.NowNs()), "order", 100);
        await WaitAsync("the first deliveries", () => Task.FromResult(stamps.Sum(s => (long)s.Refresh())), settings.Subscriptions, TimeSpan.FromSeconds(60));

        var results = new List<TopicsResult>
        {
            await PhaseAsync("lambda", topics, toFunctions, server.ProcessId,
                () => Task.FromResult(stamps.Sum(s => (long)s.Refresh())), () => [.. stamps.SelectMany(s => s.Lines)]),
        };
        results.Add(await PhaseAsync("sqs", topics, toQueues, server.ProcessId, async () =>
        {
            long total = 0;
            foreach (var url in queues)
            {
                total += await sqs.CountAsync(url);
            }
            return total;
        }, null));
        return results;
    }

    /// <summary>Each subscription's policy: a kind from a list and a total above its own bound, both met by the messages.</summary>
    private static Dictionary<string, string> Policy(int i) => new()
    {
        ["FilterPolicy"] = $$"""{"kind":["order","refund",{"prefix":"ord"}],"total":[{"numeric":[">",{{i}},"<=",1000]}]}""",
    };

    private async Task<TopicsResult> PhaseAsync(string protocol, TopicsClient topics, string topicArn, int serverPid,
        Func<Task<long>> delivered, Func<List<(long Start, long Sent)>>? stamped)
    {
        await PhaseMeter.WaitForQuietAsync();
        var uptime = Uptime.Read();
        PhaseMeter.Log($"topics: Publish → {settings.Subscriptions} {protocol} subscriptions from {settings.Clients} clients; uptime: {uptime}");
        var before = await delivered();
        var ticks = new List<long>();
        var from = StampFile.NowNs();
        var began = Stopwatch.GetTimestamp();
        var published = await LoopAsync(topics, topicArn, settings.Duration, ticks);
        var publishSeconds = (Stopwatch.GetTimestamp() - began) / (double)Stopwatch.Frequency;
        var expected = published * settings.Subscriptions;
        var arrived = await WaitAsync($"{expected} deliveries", async () => await delivered() - before, expected, TimeSpan.FromSeconds(300));
        var deliverySeconds = (Stopwatch.GetTimestamp() - began) / (double)Stopwatch.Frequency;
        double? p50 = null, p99 = null;
        if (stamped is not null)
        {
            var latencies = stamped().Where(l => l.Sent >= from).Select(l => (l.Start - l.Sent) / 1e6).Order().ToList();
            (p50, p99) = (OpenLoop.Quantile(latencies, 0.5), OpenLoop.Quantile(latencies, 0.99));
        }
        var result = new TopicsResult(protocol, uptime, settings.Subscriptions, settings.Clients, publishSeconds, published, published / publishSeconds,
            LatencyStats.From(ticks, (long)(publishSeconds * Stopwatch.Frequency), 0), arrived, deliverySeconds, arrived / deliverySeconds, p50, p99);
        PhaseMeter.Log(FormattableString.Invariant(
            $"  {result.PublishedPerSecond:0} publishes/s accepted, {result.DeliveredPerSecond:0} deliveries/s ({arrived} of {expected} in {deliverySeconds:0.0} s)"));
        return result;
    }

    private async Task<long> LoopAsync(TopicsClient topics, string topicArn, TimeSpan duration, List<long> ticks)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long accepted = 0;
        await Task.WhenAll(Enumerable.Range(0, settings.Clients).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                if (await topics.PublishAsync(topicArn, StampFile.Body(StampFile.NowNs()), "order", 500))
                {
                    Interlocked.Increment(ref accepted);
                }
                lock (ticks)
                {
                    ticks.Add(Stopwatch.GetTimestamp() - started);
                }
            }
        })));
        return accepted;
    }

    private static async Task<long> WaitAsync(string what, Func<Task<long>> count, long expected, TimeSpan guard)
    {
        var clock = Stopwatch.StartNew();
        long seen;
        while ((seen = await count()) < expected)
        {
            if (clock.Elapsed > guard)
            {
                PhaseMeter.Log($"  gave up waiting for {what} after {guard.TotalSeconds} s: {seen} arrived");
                return seen;
            }
            await Task.Delay(50);
        }
        return seen;
    }
}
