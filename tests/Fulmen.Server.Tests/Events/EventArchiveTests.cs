using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Events;

/// <summary>
/// Archives and replays through the AWS CLI: events entering a bus that match an archive's pattern are kept (counted
/// in EventCount and SizeBytes); a replay puts those of its time range on the bus again, carrying
/// <c>"replay-name"</c>, only to the rules in FilterArns, and not into the archive again; AWS's errors.
/// </summary>
[Trait("Backend", "Both")]
public sealed class EventArchiveTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Account = "000000000000";

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task Archive_KeepsMatchingEvents_ReplayReachesOnlyTheFilteredRule_WithReplayName()
    {
        var busArn = (await Aws.SucceedAsync("events", "create-event-bus", "--name", "arch-bus")).Json.GetProperty("EventBusArn").GetString()!;
        var all = await CreateQueueAsync("eb-arch-all");
        var filtered = await CreateQueueAsync("eb-arch-filtered");
        await RuleToQueueAsync("r-all", "eb-arch-all");
        var filteredRule = await RuleToQueueAsync("r-filtered", "eb-arch-filtered");
        var archive = (await Aws.SucceedAsync("events", "create-archive", "--archive-name", "arch1", "--event-source-arn", busArn,
            "--event-pattern", """{"source":["arch.test"]}""", "--retention-days", "3", "--description", "kept")).Json;
        var archiveArn = archive.GetProperty("ArchiveArn").GetString()!;
        Assert.Equal($"arn:aws:events:us-east-1:{Account}:archive/arch1", archiveArn);
        Assert.Equal("ENABLED", archive.GetProperty("State").GetString());

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await PutAsync("arch.test", $$"""{"n":{{i}}}""", $"2024-01-01T00:00:0{i}Z"));
        }
        await PutAsync("other.test", """{"n":9}""", "2024-01-01T00:00:05Z");
        Assert.Equal(3, (await ReceiveAllAsync(all, 3)).Count);
        Assert.Equal(3, (await ReceiveAllAsync(filtered, 3)).Count);

        var described = (await Aws.SucceedAsync("events", "describe-archive", "--archive-name", "arch1")).Json;
        Assert.Equal(3, described.GetProperty("EventCount").GetInt64());
        Assert.True(described.GetProperty("SizeBytes").GetInt64() > 0);
        Assert.Equal(3, described.GetProperty("RetentionDays").GetInt32());
        Assert.Equal(busArn, described.GetProperty("EventSourceArn").GetString());
        Assert.Equal("arch1", Assert.Single((await Aws.SucceedAsync("events", "list-archives", "--event-source-arn", busArn)).Json
            .GetProperty("Archives").EnumerateArray()).GetProperty("ArchiveName").GetString());

        var started = (await Aws.SucceedAsync("events", "start-replay", "--replay-name", "rep1", "--event-source-arn", archiveArn,
            "--event-start-time", "2024-01-01T00:00:00Z", "--event-end-time", "2024-01-01T00:00:01Z",
            "--destination", JsonSerializer.Serialize(new { Arn = busArn, FilterArns = new[] { filteredRule } }))).Json;
        Assert.Equal("STARTING", started.GetProperty("State").GetString());
        Assert.Equal($"arn:aws:events:us-east-1:{Account}:replay/rep1", started.GetProperty("ReplayArn").GetString());

        // The range holds the first two events; only the filtered rule gets them, with the replay's name.
        var replayed = await ReceiveAllAsync(filtered, 2);
        Assert.Equal(ids.Take(2).Order(), replayed.Select(m => Body(m).GetProperty("id").GetString()).Order());
        Assert.All(replayed, m => Assert.Equal("rep1", Body(m).GetProperty("replay-name").GetString()));
        var replay = await WaitForReplayAsync("rep1", "COMPLETED");
        Assert.Equal(archiveArn, replay.GetProperty("EventSourceArn").GetString());
        Assert.Equal(filteredRule, replay.GetProperty("Destination").GetProperty("FilterArns")[0].GetString());
        Assert.True(replay.TryGetProperty("EventLastReplayedTime", out _));
        Assert.True(replay.TryGetProperty("ReplayEndTime", out _));
        Assert.Empty(await ReceiveAllAsync(all, 0));
        // Replayed events do not enter the archive again.
        Assert.Equal(3, (await Aws.SucceedAsync("events", "describe-archive", "--archive-name", "arch1")).Json.GetProperty("EventCount").GetInt64());
        Assert.Equal("rep1", Assert.Single((await Aws.SucceedAsync("events", "list-replays", "--state", "COMPLETED")).Json
            .GetProperty("Replays").EnumerateArray(), r => r.GetProperty("ReplayName").GetString() == "rep1").GetProperty("ReplayName").GetString());

        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "cancel-replay", "--replay-name", "rep1"),
            "IllegalStatusException", "CancelReplay", "Replay rep1 is not in a valid state for this operation.");
        await Aws.SucceedAsync("events", "update-archive", "--archive-name", "arch1", "--retention-days", "7");
        Assert.Equal(7, (await Aws.SucceedAsync("events", "describe-archive", "--archive-name", "arch1")).Json.GetProperty("RetentionDays").GetInt32());
        await Aws.SucceedAsync("events", "delete-archive", "--archive-name", "arch1");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "describe-archive", "--archive-name", "arch1"),
            "ResourceNotFoundException", "DescribeArchive", "Archive arch1 does not exist.");
    }

    [Fact]
    public async Task ArchivesAndReplays_Errors_AsAwsAnswersThem()
    {
        var defaultBus = $"arn:aws:events:us-east-1:{Account}:event-bus/default";
        var otherBus = (await Aws.SucceedAsync("events", "create-event-bus", "--name", "arch-other")).Json.GetProperty("EventBusArn").GetString()!;
        var archiveArn = (await Aws.SucceedAsync("events", "create-archive", "--archive-name", "arch-errors", "--event-source-arn", defaultBus))
            .Json.GetProperty("ArchiveArn").GetString()!;
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "create-archive", "--archive-name", "arch-errors", "--event-source-arn", defaultBus),
            "ResourceAlreadyExistsException", "CreateArchive", "Archive arch-errors already exists.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "create-archive", "--archive-name", "arch-nobus",
                "--event-source-arn", $"arn:aws:events:us-east-1:{Account}:event-bus/nope"),
            "ResourceNotFoundException", "CreateArchive", "Event bus nope does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "describe-archive", "--archive-name", "missing"),
            "ResourceNotFoundException", "DescribeArchive", "Archive missing does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "list-archives", "--name-prefix", "a", "--state", "ENABLED"),
            "ValidationException", "ListArchives", "At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "start-replay", "--replay-name", "cross", "--event-source-arn", archiveArn,
                "--event-start-time", "2024-01-01T00:00:00Z", "--event-end-time", "2024-01-02T00:00:00Z", "--destination", $"Arn={otherBus}"),
            "ValidationException", "StartReplay", "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "start-replay", "--replay-name", "backwards", "--event-source-arn", archiveArn,
                "--event-start-time", "2024-01-02T00:00:00Z", "--event-end-time", "2024-01-01T00:00:00Z", "--destination", $"Arn={defaultBus}"),
            "ValidationException", "StartReplay", "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "start-replay", "--replay-name", "noarchive",
                "--event-source-arn", $"arn:aws:events:us-east-1:{Account}:archive/none",
                "--event-start-time", "2024-01-01T00:00:00Z", "--event-end-time", "2024-01-02T00:00:00Z", "--destination", $"Arn={defaultBus}"),
            "ValidationException", "StartReplay", "Parameter EventSourceArn is not valid. Reason: Archive none does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "describe-replay", "--replay-name", "missing"),
            "ResourceNotFoundException", "DescribeReplay", "Replay missing does not exist.");
        await Aws.SucceedAsync("events", "start-replay", "--replay-name", "twice", "--event-source-arn", archiveArn,
            "--event-start-time", "2024-01-01T00:00:00Z", "--event-end-time", "2024-01-02T00:00:00Z", "--destination", $"Arn={defaultBus}");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "start-replay", "--replay-name", "twice", "--event-source-arn", archiveArn,
                "--event-start-time", "2024-01-01T00:00:00Z", "--event-end-time", "2024-01-02T00:00:00Z", "--destination", $"Arn={defaultBus}"),
            "ResourceAlreadyExistsException", "StartReplay", "Replay twice already exists.");
        await WaitForReplayAsync("twice", "COMPLETED");
        await Aws.SucceedAsync("events", "delete-archive", "--archive-name", "arch-errors");
    }

    [Fact]
    public async Task ArchiveAndReplay_SurviveARestart_TheReplayFinishesWithEveryEvent()
    {
        await using var server = await FulmenServer.StartAsync();
        var aws = new LambdaCli(server).Aws;
        var bus = $"arn:aws:events:us-east-1:{Account}:event-bus/default";
        var url = (await aws.SucceedAsync("sqs", "create-queue", "--queue-name", "eb-restart")).Json.GetProperty("QueueUrl").GetString()!;
        await aws.SucceedAsync("events", "put-rule", "--name", "restart", "--event-pattern", """{"source":["restart.test"]}""");
        await aws.SucceedAsync("events", "put-targets", "--rule", "restart", "--targets", $$"""[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:{{Account}}:eb-restart"}]""");
        var archiveArn = (await aws.SucceedAsync("events", "create-archive", "--archive-name", "restart", "--event-source-arn", bus))
            .Json.GetProperty("ArchiveArn").GetString()!;
        var ids = new HashSet<string>();
        for (var batch = 0; batch < 3; batch++)
        {
            var entries = JsonSerializer.Serialize(Enumerable.Range(0, 10).Select(i => new Dictionary<string, string>
            {
                ["Source"] = "restart.test", ["DetailType"] = "T", ["Detail"] = $$"""{"n":{{batch * 10 + i}}}""", ["Time"] = $"2024-03-01T00:00:{batch * 10 + i:00}Z",
            }));
            ids.UnionWith((await aws.SucceedAsync("events", "put-events", "--entries", entries)).Json.GetProperty("Entries").EnumerateArray()
                .Select(e => e.GetProperty("EventId").GetString()!));
        }
        await aws.SucceedAsync("sqs", "purge-queue", "--queue-url", url);
        await aws.SucceedAsync("events", "start-replay", "--replay-name", "across-restart", "--event-source-arn", archiveArn,
            "--event-start-time", "2024-03-01T00:00:00Z", "--event-end-time", "2024-03-01T00:01:00Z", "--destination", $"Arn={bus}");

        // Stopped wherever the replay is: it resumes (or it had finished), and the archive is still there.
        await server.StopAsync();
        await server.RestartAsync();

        var replayed = new HashSet<string>();
        for (var attempt = 0; attempt < 12 && !replayed.IsSupersetOf(ids); attempt++)
        {
            var received = (await aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "5", "--max-number-of-messages", "10")).StandardOutput;
            if (received.Trim().Length > 0 && JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out var messages))
            {
                foreach (var message in messages.EnumerateArray())
                {
                    var body = Body(message);
                    Assert.Equal("across-restart", body.GetProperty("replay-name").GetString());
                    replayed.Add(body.GetProperty("id").GetString()!);
                    await aws.SucceedAsync("sqs", "delete-message", "--queue-url", url, "--receipt-handle", message.GetProperty("ReceiptHandle").GetString()!);
                }
            }
        }
        Assert.True(replayed.SetEquals(ids), $"{replayed.Count} of {ids.Count} archived events were replayed");
        Assert.Equal(30, (await aws.SucceedAsync("events", "describe-archive", "--archive-name", "restart")).Json.GetProperty("EventCount").GetInt64());
        for (var attempt = 0; ; attempt++)
        {
            var state = (await aws.SucceedAsync("events", "describe-replay", "--replay-name", "across-restart")).Json.GetProperty("State").GetString();
            if (state == "COMPLETED")
            {
                break;
            }
            Assert.True(attempt < 60, $"the replay is {state} a minute after its events arrived");
            await aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "1");
        }
    }

    private async Task<string> RuleToQueueAsync(string rule, string queue)
    {
        var arn = (await Aws.SucceedAsync("events", "put-rule", "--name", rule, "--event-bus-name", "arch-bus", "--event-pattern", """{"source":["arch.test"]}"""))
            .Json.GetProperty("RuleArn").GetString()!;
        await Aws.SucceedAsync("events", "put-targets", "--rule", rule, "--event-bus-name", "arch-bus", "--targets",
            $$"""[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:{{Account}}:{{queue}}"}]""");
        return arn;
    }

    /// <summary>Asks for the replay's state until it is <paramref name="state"/> (each look waits on a long poll of nothing, a minute in all).</summary>
    private async Task<JsonElement> WaitForReplayAsync(string name, string state)
    {
        var idle = await CreateQueueAsync("eb-arch-idle");
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var replay = (await Aws.SucceedAsync("events", "describe-replay", "--replay-name", name)).Json;
            if (replay.GetProperty("State").GetString() == state)
            {
                return replay;
            }
            await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", idle, "--wait-time-seconds", "1");
        }
        throw new Xunit.Sdk.XunitException($"Replay {name} did not reach {state} within a minute.");
    }

    private static JsonElement Body(JsonElement message) => JsonDocument.Parse(message.GetProperty("Body").GetString()!).RootElement;

    private async Task<string> CreateQueueAsync(string name) =>
        (await Aws.SucceedAsync("sqs", "create-queue", "--queue-name", name)).Json.GetProperty("QueueUrl").GetString()!;

    private async Task<string> PutAsync(string source, string detail, string time)
    {
        var entries = JsonSerializer.Serialize(new[]
        {
            new Dictionary<string, string> { ["Source"] = source, ["DetailType"] = "Test", ["Detail"] = detail, ["EventBusName"] = "arch-bus", ["Time"] = time },
        });
        var put = (await Aws.SucceedAsync("events", "put-events", "--entries", entries)).Json;
        Assert.Equal(0, put.GetProperty("FailedEntryCount").GetInt32());
        return put.GetProperty("Entries")[0].GetProperty("EventId").GetString()!;
    }

    /// <summary>Receives until <paramref name="count"/> messages came (a minute at most; one short look for none); deletes them.</summary>
    private async Task<List<JsonElement>> ReceiveAllAsync(string url, int count)
    {
        var messages = new List<JsonElement>();
        for (var attempt = 0; attempt < 6 && (messages.Count < count || (count == 0 && attempt == 0)); attempt++)
        {
            var received = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", count == 0 ? "1" : "10",
                "--max-number-of-messages", "10")).StandardOutput;
            if (received.Trim().Length > 0 && JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out var batch))
            {
                foreach (var message in batch.EnumerateArray())
                {
                    messages.Add(message.Clone());
                    await Aws.SucceedAsync("sqs", "delete-message", "--queue-url", url, "--receipt-handle", message.GetProperty("ReceiptHandle").GetString()!);
                }
            }
        }
        Assert.Equal(count, messages.Count);
        return messages;
    }
}
