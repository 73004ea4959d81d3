using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Events;

/// <summary>
/// SIGKILL loses no event PutEvents accepted: right after the answers, the server is killed; after a restart the
/// function target has run for every event (at least once) and the queue target holds every event.
/// </summary>
[Collection(nameof(RunsAlone))]
[Trait("Backend", "Both")]
public sealed class EventBridgeCrashTests
{
    private const int Batches = 6;

    [Fact]
    public async Task AcceptedEvents_ServerKilled_EveryTargetGetsThemAfterRestart()
    {
        await using var server = await FulmenServer.StartAsync();
        var aws = new LambdaCli(server).Aws;
        using var http = new LambdaHttp(server);
        var recorder = new Recorder(server, "eb-crash");
        await http.CreateFunctionAsync("eb-crash", Recorder.SlowMarker(0.05), recorder.Settings());
        var url = (await aws.SucceedAsync("sqs", "create-queue", "--queue-name", "eb-crash")).Json.GetProperty("QueueUrl").GetString()!;
        var ruleArn = (await aws.SucceedAsync("events", "put-rule", "--name", "crash", "--event-pattern", """{"source":["crash.test"]}"""))
            .Json.GetProperty("RuleArn").GetString()!;
        await aws.SucceedAsync("lambda", "add-permission", "--function-name", "eb-crash", "--statement-id", "events",
            "--action", "lambda:InvokeFunction", "--principal", "events.amazonaws.com", "--source-arn", ruleArn);
        await aws.SucceedAsync("events", "put-targets", "--rule", "crash", "--targets",
            """[{"Id":"fn","Arn":"arn:aws:lambda:us-east-1:000000000000:function:eb-crash"},{"Id":"q","Arn":"arn:aws:sqs:us-east-1:000000000000:eb-crash"}]""");

        var ids = new HashSet<string>();
        for (var batch = 0; batch < Batches; batch++)
        {
            var entries = JsonSerializer.Serialize(Enumerable.Range(0, 10).Select(i =>
                new Dictionary<string, string> { ["Source"] = "crash.test", ["DetailType"] = "Crash", ["Detail"] = $$"""{"n":{{batch * 10 + i}}}""" }));
            var put = (await aws.SucceedAsync("events", "put-events", "--entries", entries)).Json;
            Assert.Equal(0, put.GetProperty("FailedEntryCount").GetInt32());
            ids.UnionWith(put.GetProperty("Entries").EnumerateArray().Select(e => e.GetProperty("EventId").GetString()!));
        }
        server.Crash();
        await server.RestartAsync();

        var seen = await recorder.WaitForFilesAsync("seen-", ids.Count, TimeSpan.FromSeconds(180));
        Assert.Equal(ids.Count, seen);
        Assert.True(recorder.Files("seen-").Select(f => Path.GetFileName(f)["seen-".Length..]).ToHashSet().SetEquals(ids));
        var queued = new HashSet<string>();
        while (true)
        {
            var received = (await aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--max-number-of-messages", "10")).StandardOutput;
            if (received.Trim().Length == 0 || !JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out var messages))
            {
                break;
            }
            queued.UnionWith(messages.EnumerateArray().Select(m => JsonDocument.Parse(m.GetProperty("Body").GetString()!).RootElement.GetProperty("id").GetString()!));
        }
        Assert.True(queued.SetEquals(ids), $"{queued.Count} of {ids.Count} accepted events were in the queue after the crash");
    }
}
