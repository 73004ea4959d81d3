using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Events;

/// <summary>
/// EventBridge scheduled rules fired by the schedule engine, on the manual schedule clock (<c>--manual-clock</c>): each
/// tick delivers AWS's Scheduled Event to the rule's function and queue targets with <c>time</c> = the tick; after a
/// SIGKILL and a restart with the clock set later, the missed ticks are not replayed and the next tick fires.
/// </summary>
[Collection(nameof(RunsAlone))]
[Trait("Backend", "Both")]
public sealed class ScheduledRuleTests
{
    private const string Account = "000000000000";
    private const string RuleArn = $"arn:aws:events:us-east-1:{Account}:rule/every-ten";
    private static readonly DateTimeOffset Start = new(2026, 3, 8, 9, 59, 0, TimeSpan.Zero);

    [Fact]
    public async Task CronRule_ClockAdvancedAcrossTicks_TargetsGetScheduledEventsAtEachTick_NoBurstAfterRestart()
    {
        var clock = await ServerClock.StartAsync(Start);
        await using var server = clock.Server;
        var aws = new LambdaCli(server).Aws;
        using var http = new LambdaHttp(server);
        var recorder = new Recorder(server, "scheduled");
        await http.CreateFunctionAsync("scheduled-recorder", Recorder.DestinationFunction, recorder.Settings());
        var queueUrl = (await aws.SucceedAsync("sqs", "create-queue", "--queue-name", "scheduled")).Json.GetProperty("QueueUrl").GetString()!;
        var ruleArn = (await aws.SucceedAsync("events", "put-rule", "--name", "every-ten", "--schedule-expression", "cron(0/10 * * * ? *)"))
            .Json.GetProperty("RuleArn").GetString();
        Assert.Equal(RuleArn, ruleArn);
        await aws.SucceedAsync("lambda", "add-permission", "--function-name", "scheduled-recorder", "--statement-id", "events",
            "--action", "lambda:InvokeFunction", "--principal", "events.amazonaws.com", "--source-arn", RuleArn);
        await aws.SucceedAsync("events", "put-targets", "--rule", "every-ten", "--targets",
            $$"""[{"Id":"fn","Arn":"arn:aws:lambda:us-east-1:{{Account}}:function:scheduled-recorder"},{"Id":"q","Arn":"arn:aws:sqs:us-east-1:{{Account}}:scheduled"}]""");
        await clock.WaitPlannedAsync("rule", "default/every-ten", At("10:00"));

        Assert.Equal(At("10:29"), await clock.AdvanceAsync(TimeSpan.FromMinutes(30)));

        var records = await recorder.RecordsAsync(3, TimeSpan.FromSeconds(90));
        Assert.Equal(["2026-03-08T10:00:00Z", "2026-03-08T10:10:00Z", "2026-03-08T10:20:00Z"], Times(records));
        foreach (var record in records)
        {
            string[] members = ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"];
            Assert.Equal(members, record.EnumerateObject().Select(p => p.Name));
            Assert.Equal("0", record.GetProperty("version").GetString());
            Assert.True(Guid.TryParse(record.GetProperty("id").GetString(), out _));
            Assert.Equal("Scheduled Event", record.GetProperty("detail-type").GetString());
            Assert.Equal("aws.events", record.GetProperty("source").GetString());
            Assert.Equal(Account, record.GetProperty("account").GetString());
            Assert.Equal("us-east-1", record.GetProperty("region").GetString());
            Assert.Equal([RuleArn], record.GetProperty("resources").EnumerateArray().Select(r => r.GetString()));
            Assert.Empty(record.GetProperty("detail").EnumerateObject());
        }
        Assert.Equal(3, records.Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        Assert.Equal(Times(records), Times(await ReceiveAllAsync(aws, queueUrl, 3)));
        var listed = await FulmenCli.RunAsync("schedules", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("default/every-ten", listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("cron(0/10 * * * ? *)", listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2026-03-08 10:30:00Z", listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("2026-03-08 10:20:00Z", listed.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Fired", listed.StandardOutput, StringComparison.Ordinal);

        using (var metricsClient = new HttpClient())
        {
            var metrics = await metricsClient.GetStringAsync(new Uri($"{server.Endpoint}/metrics"));
            Assert.Contains("fulmen_schedule_ticks_fired_total{owner=\"rule\"} 3", metrics, StringComparison.Ordinal);
            Assert.Contains("# TYPE fulmen_schedule_lag_seconds histogram", metrics, StringComparison.Ordinal);
            Assert.Contains("fulmen_schedule_lag_seconds_count{owner=\"rule\"} 3", metrics, StringComparison.Ordinal);
        }

        // Down from 10:29 to 11:05: the ticks from 10:30 to 11:00 are missed, not replayed; 11:10 fires.
        server.Crash();
        await clock.RestartAsync(At("11:05"));
        await clock.WaitPlannedAsync("rule", "default/every-ten", At("11:10"));
        await clock.AdvanceAsync(TimeSpan.FromMinutes(6));

        var after = await ReceiveAllAsync(aws, queueUrl, 1);
        Assert.Equal(["2026-03-08T11:10:00Z"], Times(after));
        records = await recorder.RecordsAsync(4, TimeSpan.FromSeconds(90));
        Assert.Equal(["2026-03-08T10:00:00Z", "2026-03-08T10:10:00Z", "2026-03-08T10:20:00Z", "2026-03-08T11:10:00Z"], Times(records));
    }

    [Fact]
    public async Task DisabledRule_ClockAdvanced_NothingFires_EnabledAgainFiresNextTick()
    {
        var clock = await ServerClock.StartAsync(Start);
        await using var server = clock.Server;
        var aws = new LambdaCli(server).Aws;
        var queueUrl = (await aws.SucceedAsync("sqs", "create-queue", "--queue-name", "paused")).Json.GetProperty("QueueUrl").GetString()!;
        await aws.SucceedAsync("events", "put-rule", "--name", "paused", "--schedule-expression", "rate(5 minutes)");
        await aws.SucceedAsync("events", "put-targets", "--rule", "paused", "--targets", $$"""[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:{{Account}}:paused"}]""");
        // A rate counts from the rule's creation on the schedule clock: 09:59 + 5 minutes.
        await clock.WaitPlannedAsync("rule", "default/paused", At("10:04"));
        await aws.SucceedAsync("events", "disable-rule", "--name", "paused");
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while ((await clock.SchedulesAsync()).Count > 0)
        {
            Assert.True(guard.Elapsed < TimeSpan.FromSeconds(60), "the disabled rule stayed scheduled");
            await Task.Delay(50);
        }

        await clock.AdvanceAsync(TimeSpan.FromMinutes(20)); // 10:19
        await aws.SucceedAsync("events", "enable-rule", "--name", "paused");
        await clock.WaitPlannedAsync("rule", "default/paused", At("10:24"));
        await clock.AdvanceAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(["2026-03-08T10:24:00Z"], Times(await ReceiveAllAsync(aws, queueUrl, 1)));
    }

    /// <summary>
    /// The one test on the real clock: a rule firing every minute delivers a Scheduled Event to its queue within about a
    /// minute (the guard allows 100 s), fired by the engine on its own. Slow by nature: it waits for a real minute.
    /// </summary>
    [Fact]
    public async Task EveryMinuteRule_RealClock_EngineFiresATick()
    {
        await using var server = await FulmenServer.StartAsync();
        var aws = new LambdaCli(server).Aws;
        var queueUrl = (await aws.SucceedAsync("sqs", "create-queue", "--queue-name", "real-clock")).Json.GetProperty("QueueUrl").GetString()!;
        await aws.SucceedAsync("events", "put-rule", "--name", "every-minute", "--schedule-expression", "cron(* * * * ? *)");
        await aws.SucceedAsync("events", "put-targets", "--rule", "every-minute", "--targets", $$"""[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:{{Account}}:real-clock"}]""");

        var tick = Assert.Single(await ReceiveAllAsync(aws, queueUrl, 1, TimeSpan.FromSeconds(100)));
        Assert.Equal("Scheduled Event", tick.GetProperty("detail-type").GetString());
        Assert.EndsWith(":00Z", tick.GetProperty("time").GetString(), StringComparison.Ordinal);

        // Without --manual-clock the schedule clock cannot be moved.
        using var http = new HttpClient();
        using var refused = await http.PostAsync(new Uri($"{server.Endpoint}/_fulmen/clock"), new StringContent("""{"advance":"00:10:00"}"""));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
    }

    private static DateTimeOffset At(string time) => new(2026, 3, 8, int.Parse(time[..2], System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(time[3..], System.Globalization.CultureInfo.InvariantCulture), 0, TimeSpan.Zero);

    private static string[] Times(IEnumerable<JsonElement> events) => [.. events.Select(e => e.GetProperty("time").GetString()!).Order(StringComparer.Ordinal)];

    /// <summary>Receives (and deletes) messages until <paramref name="count"/> arrived, then drains what else is there; answers the bodies.</summary>
    private static async Task<List<JsonElement>> ReceiveAllAsync(AwsCli aws, string queueUrl, int count, TimeSpan? within = null)
    {
        var bodies = new List<JsonElement>();
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var received = (await aws.SucceedAsync("sqs", "receive-message", "--queue-url", queueUrl, "--max-number-of-messages", "10",
                "--wait-time-seconds", bodies.Count >= count ? "1" : "5")).StandardOutput;
            var messages = received.Trim().Length == 0 || !JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out var m) ? [] : m.EnumerateArray().ToList();
            foreach (var message in messages)
            {
                bodies.Add(JsonDocument.Parse(message.GetProperty("Body").GetString()!).RootElement);
                await aws.SucceedAsync("sqs", "delete-message", "--queue-url", queueUrl, "--receipt-handle", message.GetProperty("ReceiptHandle").GetString()!);
            }
            if (bodies.Count >= count && messages.Count == 0)
            {
                return bodies;
            }
            if (bodies.Count < count && guard.Elapsed > (within ?? TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"expected {count} messages on {queueUrl}, received {bodies.Count}");
            }
        }
    }
}
