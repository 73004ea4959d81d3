using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Events;

/// <summary>
/// Sends to rules' targets under their RetryPolicy and DeadLetterConfig, through the AWS CLI: a function that does not
/// allow the rule, or does not exist, puts the event in the dead-letter queue at once with EventBridge's message
/// attributes; an event bus as a target gets the event as is, for its own rules (and not on to a third bus); AWS's
/// ranges for the retry policy.
/// </summary>
[Trait("Backend", "Both")]
public sealed class EventTargetSendTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Account = "000000000000";

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task NonRetryableFailures_GoToTheDeadLetterQueueAtOnce_WithEventBridgesAttributes()
    {
        var recorder = new Recorder(fixture.Server, "eb-dlq-denied");
        await fixture.Http.CreateFunctionAsync("eb-dlq-denied", Recorder.DestinationFunction, recorder.Settings());
        var dlq = await CreateQueueAsync("eb-dlq");
        var ruleArn = (await Aws.SucceedAsync("events", "put-rule", "--name", "dlq-rule", "--event-pattern", """{"source":["dlq.test"]}"""))
            .Json.GetProperty("RuleArn").GetString()!;
        var denied = $"arn:aws:lambda:us-east-1:{Account}:function:eb-dlq-denied";
        var missing = $"arn:aws:lambda:us-east-1:{Account}:function:eb-dlq-missing";
        var targets = JsonSerializer.Serialize(new[] { denied, missing }.Select((arn, i) => new Dictionary<string, object>
        {
            ["Id"] = $"t{i}",
            ["Arn"] = arn,
            ["RetryPolicy"] = new Dictionary<string, int> { ["MaximumRetryAttempts"] = 3, ["MaximumEventAgeInSeconds"] = 120 },
            ["DeadLetterConfig"] = new Dictionary<string, string> { ["Arn"] = QueueArn("eb-dlq") },
        }));
        Assert.Equal(0, (await Aws.SucceedAsync("events", "put-targets", "--rule", "dlq-rule", "--targets", targets)).Json.GetProperty("FailedEntryCount").GetInt32());
        var listed = (await Aws.SucceedAsync("events", "list-targets-by-rule", "--rule", "dlq-rule")).Json.GetProperty("Targets")[0];
        Assert.Equal(3, listed.GetProperty("RetryPolicy").GetProperty("MaximumRetryAttempts").GetInt32());

        var eventId = await PutEventAsync("dlq.test", """{"n":7}""");

        var messages = await ReceiveAllAsync(dlq, 2);
        var byTarget = messages.ToDictionary(m => Attribute(m, "TARGET_ARN")!);
        Assert.Equal("NO_PERMISSIONS", Attribute(byTarget[denied], "ERROR_CODE"));
        Assert.Equal("NO_RESOURCE", Attribute(byTarget[missing], "ERROR_CODE"));
        foreach (var message in messages)
        {
            Assert.Equal(ruleArn, Attribute(message, "RULE_ARN"));
            Assert.Equal("0", Attribute(message, "RETRY_ATTEMPTS"));
            Assert.False(string.IsNullOrEmpty(Attribute(message, "ERROR_MESSAGE")));
            // Not retried: no retry limit ended it.
            Assert.Null(Attribute(message, "EXHAUSTED_RETRY_CONDITION"));
            var body = JsonDocument.Parse(message.GetProperty("Body").GetString()!).RootElement;
            Assert.Equal(eventId, body.GetProperty("id").GetString());
            Assert.Equal(7, body.GetProperty("detail").GetProperty("n").GetInt32());
        }
        Assert.Empty(recorder.Files("record-"));
    }

    [Fact]
    public async Task EventBusTarget_GetsTheEventAsIs_ItsRulesMatchIt_ButNotOnToAThirdBus()
    {
        await Aws.SucceedAsync("events", "create-event-bus", "--name", "b2b-second");
        await Aws.SucceedAsync("events", "create-event-bus", "--name", "b2b-third");
        var second = await CreateQueueAsync("eb-b2b-second");
        var third = await CreateQueueAsync("eb-b2b-third");
        await Aws.SucceedAsync("events", "put-rule", "--name", "forward", "--event-pattern", """{"source":["b2b.test"]}""");
        await Aws.SucceedAsync("events", "put-targets", "--rule", "forward", "--targets",
            $$"""[{"Id":"bus","Arn":"arn:aws:events:us-east-1:{{Account}}:event-bus/b2b-second"}]""");
        await Aws.SucceedAsync("events", "put-rule", "--name", "on-second", "--event-bus-name", "b2b-second", "--event-pattern", """{"source":["b2b.test"]}""");
        await Aws.SucceedAsync("events", "put-targets", "--rule", "on-second", "--event-bus-name", "b2b-second", "--targets",
            $$"""[{"Id":"q","Arn":"{{QueueArn("eb-b2b-second")}}"},{"Id":"bus","Arn":"arn:aws:events:us-east-1:{{Account}}:event-bus/b2b-third"}]""");
        await Aws.SucceedAsync("events", "put-rule", "--name", "on-third", "--event-bus-name", "b2b-third", "--event-pattern", """{"source":["b2b.test"]}""");
        await Aws.SucceedAsync("events", "put-targets", "--rule", "on-third", "--event-bus-name", "b2b-third", "--targets",
            $$"""[{"Id":"q","Arn":"{{QueueArn("eb-b2b-third")}}"}]""");

        var eventId = await PutEventAsync("b2b.test", """{"hop":1}""");

        var received = Assert.Single(await ReceiveAllAsync(second, 1));
        var envelope = JsonDocument.Parse(received.GetProperty("Body").GetString()!).RootElement;
        Assert.Equal(eventId, envelope.GetProperty("id").GetString());
        Assert.Equal("b2b.test", envelope.GetProperty("source").GetString());
        Assert.Equal(1, envelope.GetProperty("detail").GetProperty("hop").GetInt32());
        // PutEvents answered after every send was durable: the third bus would have had it by now.
        var none = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", third, "--wait-time-seconds", "1")).StandardOutput;
        Assert.True(none.Trim().Length == 0 || !JsonDocument.Parse(none).RootElement.TryGetProperty("Messages", out _));
    }

    [Fact]
    public async Task RuleChanges_TakeEffectForTheNextEvent_AmongManyRulesOnTheBus()
    {
        await Aws.SucceedAsync("events", "create-event-bus", "--name", "many-rules");
        var url = await CreateQueueAsync("eb-many-rules");
        // Rules that share the source and differ in detail-type: the pattern set files them under the rarer value.
        for (var i = 0; i < 20; i++)
        {
            await Aws.SucceedAsync("events", "put-rule", "--name", $"r{i}", "--event-bus-name", "many-rules",
                "--event-pattern", $$"""{"source":["many.test"],"detail-type":["T{{i}}"]}""");
            await Aws.SucceedAsync("events", "put-targets", "--rule", $"r{i}", "--event-bus-name", "many-rules", "--targets", QueueTarget(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        await PutAsync("many-rules", "T7");
        Assert.Equal(7, Body(Assert.Single(await ReceiveAllAsync(url, 1))).GetProperty("rule").GetInt32());

        await Aws.SucceedAsync("events", "disable-rule", "--name", "r7", "--event-bus-name", "many-rules");
        await Aws.SucceedAsync("events", "put-rule", "--name", "r7b", "--event-bus-name", "many-rules",
            "--event-pattern", """{"source":["many.test"],"detail-type":["T7"]}""");
        await Aws.SucceedAsync("events", "put-targets", "--rule", "r7b", "--event-bus-name", "many-rules", "--targets", QueueTarget("\"7b\""));
        await PutAsync("many-rules", "T7");
        Assert.Equal("7b", Body(Assert.Single(await ReceiveAllAsync(url, 1))).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task PutTargets_RetryPolicyAndDeadLetterConfig_CheckedAsAws()
    {
        await Aws.SucceedAsync("events", "put-rule", "--name", "policy-checks", "--event-pattern", """{"source":["x"]}""");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "put-targets", "--rule", "policy-checks", "--targets",
                """[{"Id":"a","Arn":"arn:aws:sqs:us-east-1:000000000000:q","RetryPolicy":{"MaximumRetryAttempts":186}}]"""),
            "ValidationException", "PutTargets",
            "1 validation error detected: Value '186' at 'targets.member.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185");
        // The CLI itself refuses a MaximumEventAgeInSeconds under 60 (its model's minimum), so that range is not sent.
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "put-targets", "--rule", "policy-checks", "--targets",
                """[{"Id":"a","Arn":"arn:aws:sqs:us-east-1:000000000000:q","DeadLetterConfig":{"Arn":"arn:aws:sqs:us-east-1:000000000000:dlq.fifo"}}]"""),
            "ValidationException", "PutTargets", "Target a: a FIFO queue cannot be used as a dead-letter queue.");
    }

    private static string QueueTarget(string rule) => JsonSerializer.Serialize(new[]
    {
        new Dictionary<string, string> { ["Id"] = "q", ["Arn"] = QueueArn("eb-many-rules"), ["Input"] = $"{{\"rule\":{rule}}}" },
    });

    private static JsonElement Body(JsonElement message) => JsonDocument.Parse(message.GetProperty("Body").GetString()!).RootElement;

    private async Task PutAsync(string bus, string detailType)
    {
        var entries = JsonSerializer.Serialize(new[] { new Dictionary<string, string> { ["Source"] = "many.test", ["DetailType"] = detailType, ["Detail"] = "{}", ["EventBusName"] = bus } });
        Assert.Equal(0, (await Aws.SucceedAsync("events", "put-events", "--entries", entries)).Json.GetProperty("FailedEntryCount").GetInt32());
    }

    private static string QueueArn(string name) => $"arn:aws:sqs:us-east-1:{Account}:{name}";

    private static string? Attribute(JsonElement message, string name) =>
        message.TryGetProperty("MessageAttributes", out var attributes) && attributes.TryGetProperty(name, out var value)
            ? value.GetProperty("StringValue").GetString()
            : null;

    private async Task<string> CreateQueueAsync(string name) =>
        (await Aws.SucceedAsync("sqs", "create-queue", "--queue-name", name)).Json.GetProperty("QueueUrl").GetString()!;

    private async Task<string> PutEventAsync(string source, string detail)
    {
        var entries = JsonSerializer.Serialize(new[] { new Dictionary<string, string> { ["Source"] = source, ["DetailType"] = "Test", ["Detail"] = detail } });
        var put = (await Aws.SucceedAsync("events", "put-events", "--entries", entries)).Json;
        Assert.Equal(0, put.GetProperty("FailedEntryCount").GetInt32());
        return put.GetProperty("Entries")[0].GetProperty("EventId").GetString()!;
    }

    /// <summary>Long-polls the queue until <paramref name="count"/> messages came (a minute at most); deletes them.</summary>
    private async Task<List<JsonElement>> ReceiveAllAsync(string url, int count)
    {
        var messages = new List<JsonElement>();
        for (var attempt = 0; attempt < 6 && messages.Count < count; attempt++)
        {
            var received = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "10",
                "--max-number-of-messages", "10", "--message-attribute-names", "All")).StandardOutput;
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
