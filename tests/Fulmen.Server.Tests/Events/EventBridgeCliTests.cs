using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Events;

/// <summary>
/// Event buses, rules and targets through the AWS CLI (<c>aws events</c>): an event put on a bus reaches a function
/// (only with a permission for <c>events.amazonaws.com</c> and the rule's ARN) and a queue, in EventBridge's envelope
/// or as an input transformer makes it; and AWS's errors.
/// </summary>
[Trait("Backend", "Both")]
public sealed class EventBridgeCliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Account = "000000000000";

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task Rule_MatchingEvent_FunctionWithPermissionGetsTheEnvelope()
    {
        var recorder = new Recorder(fixture.Server, "eb-envelope");
        await fixture.Http.CreateFunctionAsync("eb-recorder", Recorder.DestinationFunction, recorder.Settings());
        var ruleArn = (await Aws.SucceedAsync("events", "put-rule", "--name", "orders-placed",
            "--event-pattern", """{"source":["com.example.orders"],"detail":{"total":[{"numeric":[">",10]}]}}""")).Json.GetProperty("RuleArn").GetString();
        Assert.Equal($"arn:aws:events:us-east-1:{Account}:rule/orders-placed", ruleArn);
        await Aws.SucceedAsync("lambda", "add-permission", "--function-name", "eb-recorder", "--statement-id", "events",
            "--action", "lambda:InvokeFunction", "--principal", "events.amazonaws.com", "--source-arn", ruleArn!);
        var put = await Aws.SucceedAsync("events", "put-targets", "--rule", "orders-placed",
            "--targets", $$"""[{"Id":"fn","Arn":"arn:aws:lambda:us-east-1:{{Account}}:function:eb-recorder"}]""");
        Assert.Equal(0, put.Json.GetProperty("FailedEntryCount").GetInt32());

        var sent = await Aws.SucceedAsync("events", "put-events", "--entries",
            """[{"Source":"com.example.orders","DetailType":"OrderPlaced","Detail":"{\"orderId\":\"ord-1\",\"total\":59.9}","Resources":["arn:aws:dynamodb:us-east-1:000000000000:table/Orders"],"Time":"2024-05-24T14:20:00Z"},{"Source":"com.example.orders","DetailType":"OrderPlaced","Detail":"{\"total\":1}"}]""");
        Assert.Equal(0, sent.Json.GetProperty("FailedEntryCount").GetInt32());
        var eventId = sent.Json.GetProperty("Entries")[0].GetProperty("EventId").GetString();

        var record = Assert.Single(await recorder.RecordsAsync(1, TimeSpan.FromSeconds(60)));
        Assert.Equal("0", record.GetProperty("version").GetString());
        Assert.Equal(eventId, record.GetProperty("id").GetString());
        Assert.Equal("OrderPlaced", record.GetProperty("detail-type").GetString());
        Assert.Equal("com.example.orders", record.GetProperty("source").GetString());
        Assert.Equal(Account, record.GetProperty("account").GetString());
        Assert.Equal("2024-05-24T14:20:00Z", record.GetProperty("time").GetString());
        Assert.Equal("us-east-1", record.GetProperty("region").GetString());
        Assert.Equal("arn:aws:dynamodb:us-east-1:000000000000:table/Orders", Assert.Single(record.GetProperty("resources").EnumerateArray()).GetString());
        Assert.Equal("ord-1", record.GetProperty("detail").GetProperty("orderId").GetString());
        string[] members = ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"];
        Assert.Equal(members, record.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task FunctionWithoutPermission_NotInvoked_UntilThePolicyAllowsTheRule()
    {
        var recorder = new Recorder(fixture.Server, "eb-denied");
        await fixture.Http.CreateFunctionAsync("eb-denied", Recorder.DestinationFunction, recorder.Settings());
        var queueUrl = await CreateQueueAsync("eb-denied-witness");
        var ruleArn = (await Aws.SucceedAsync("events", "put-rule", "--name", "denied", "--event-pattern", """{"source":["denied.test"]}"""))
            .Json.GetProperty("RuleArn").GetString()!;
        // A permission for another rule does not count.
        await Aws.SucceedAsync("lambda", "add-permission", "--function-name", "eb-denied", "--statement-id", "other",
            "--action", "lambda:InvokeFunction", "--principal", "events.amazonaws.com", "--source-arn", ruleArn + "-other");
        await Aws.SucceedAsync("events", "put-targets", "--rule", "denied", "--targets",
            $$"""[{"Id":"fn","Arn":"arn:aws:lambda:us-east-1:{{Account}}:function:eb-denied"},{"Id":"q","Arn":"arn:aws:sqs:us-east-1:{{Account}}:eb-denied-witness"}]""");

        await PutEventAsync("denied.test", """{"n":1}""");
        // The queue target got the event: the function target was tried before PutEvents answered, and refused.
        Assert.Equal(1, (await ReceiveAsync(queueUrl)).GetProperty("detail").GetProperty("n").GetInt32());

        await Aws.SucceedAsync("lambda", "add-permission", "--function-name", "eb-denied", "--statement-id", "events",
            "--action", "lambda:InvokeFunction", "--principal", "events.amazonaws.com", "--source-arn", ruleArn);
        await PutEventAsync("denied.test", """{"n":2}""");
        var record = Assert.Single(await recorder.RecordsAsync(1, TimeSpan.FromSeconds(60)));
        Assert.Equal(2, record.GetProperty("detail").GetProperty("n").GetInt32());
        Assert.Single(recorder.Files("record-"));
    }

    [Fact]
    public async Task QueueTargets_EventAsIs_InputTransformerAsAwsDocuments_InputAndInputPath()
    {
        var plain = await CreateQueueAsync("eb-plain");
        var transformed = await CreateQueueAsync("eb-transformed");
        var predefined = await CreateQueueAsync("eb-predefined");
        var constant = await CreateQueueAsync("eb-constant");
        var path = await CreateQueueAsync("eb-path");
        var ruleArn = (await Aws.SucceedAsync("events", "put-rule", "--name", "ec2-state", "--event-pattern", """{"source":["aws.ec2.test"]}"""))
            .Json.GetProperty("RuleArn").GetString();
        // The InputTransformer example of AWS's API reference, a template with the predefined variables, Input and InputPath.
        var targets = new[]
        {
            new Dictionary<string, object> { ["Id"] = "plain", ["Arn"] = QueueArn("eb-plain") },
            new Dictionary<string, object>
            {
                ["Id"] = "transformed", ["Arn"] = QueueArn("eb-transformed"),
                ["InputTransformer"] = new Dictionary<string, object>
                {
                    ["InputPathsMap"] = new Dictionary<string, string> { ["instance"] = "$.detail.instance", ["status"] = "$.detail.status" },
                    ["InputTemplate"] = """{"myInstance": <instance>,"myStatus": "<instance> is in state \"<status>\""}""",
                },
            },
            new Dictionary<string, object>
            {
                ["Id"] = "predefined", ["Arn"] = QueueArn("eb-predefined"),
                ["InputTransformer"] = new Dictionary<string, object>
                {
                    ["InputTemplate"] = """{"rule": "<aws.events.rule-name>", "arn": "<aws.events.rule-arn>", "at": "<aws.events.event.ingestion-time>", "event": <aws.events.event.json>, "meta": <aws.events.event>}""",
                },
            },
            new Dictionary<string, object> { ["Id"] = "constant", ["Arn"] = QueueArn("eb-constant"), ["Input"] = """{"fixed":true}""" },
            new Dictionary<string, object> { ["Id"] = "path", ["Arn"] = QueueArn("eb-path"), ["InputPath"] = "$.detail" },
        };
        var put = await Aws.SucceedAsync("events", "put-targets", "--rule", "ec2-state", "--targets", JsonSerializer.Serialize(targets));
        Assert.Equal(0, put.Json.GetProperty("FailedEntryCount").GetInt32());
        var listed = (await Aws.SucceedAsync("events", "list-targets-by-rule", "--rule", "ec2-state")).Json.GetProperty("Targets");
        Assert.Equal(["plain", "transformed", "predefined", "constant", "path"], listed.EnumerateArray().Select(t => t.GetProperty("Id").GetString()));

        var eventId = await PutEventAsync("aws.ec2.test", """{"instance":"i-0123456789","status":"RUNNING"}""");

        var envelope = await ReceiveAsync(plain);
        Assert.Equal(eventId, envelope.GetProperty("id").GetString());
        Assert.Equal("""{"myInstance": "i-0123456789","myStatus": "i-0123456789 is in state \"RUNNING\""}""", await ReceiveBodyAsync(transformed));
        var filled = await ReceiveAsync(predefined);
        Assert.Equal("ec2-state", filled.GetProperty("rule").GetString());
        Assert.Equal(ruleArn, filled.GetProperty("arn").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", filled.GetProperty("at").GetString());
        Assert.Equal("RUNNING", filled.GetProperty("event").GetProperty("detail").GetProperty("status").GetString());
        Assert.Equal(eventId, filled.GetProperty("meta").GetProperty("id").GetString());
        Assert.False(filled.GetProperty("meta").TryGetProperty("detail", out _));
        Assert.Equal("""{"fixed":true}""", await ReceiveBodyAsync(constant));
        Assert.Equal("RUNNING", (await ReceiveAsync(path)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Errors_AsAwsAnswersThem()
    {
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "describe-event-bus", "--name", "nope"),
            "ResourceNotFoundException", "DescribeEventBus", "Event bus nope does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "put-rule", "--name", "r", "--event-bus-name", "nope", "--event-pattern", """{"source":["a"]}"""),
            "ResourceNotFoundException", "PutRule", "Event bus nope does not exist.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "put-rule", "--name", "bad", "--event-pattern", """{"source":"not-an-array"}"""),
            "InvalidEventPatternException", "PutRule", "Event pattern is not valid. Reason: ");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "describe-rule", "--name", "missing"),
            "ResourceNotFoundException", "DescribeRule", "Rule missing does not exist on EventBus default.");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "delete-event-bus", "--name", "default"),
            "ValidationException", "DeleteEventBus", "Cannot delete event bus default.");

        await Aws.SucceedAsync("events", "put-rule", "--name", "with-targets", "--event-pattern", """{"source":["x"]}""");
        await Aws.SucceedAsync("events", "put-targets", "--rule", "with-targets", "--targets", $$"""[{"Id":"q","Arn":"{{QueueArn("any")}}"}]""");
        LambdaCli.AssertServiceError(await Aws.RunAsync("events", "delete-rule", "--name", "with-targets"),
            "ValidationException", "DeleteRule", "Rule can't be deleted since it has targets.");
        await Aws.SucceedAsync("events", "remove-targets", "--rule", "with-targets", "--ids", "q");
        await Aws.SucceedAsync("events", "delete-rule", "--name", "with-targets");

        var put = (await Aws.SucceedAsync("events", "put-events", "--entries",
            """[{"Source":"s","DetailType":"t","Detail":"[1]"},{"Source":"s","Detail":"{}"},{"Source":"s","DetailType":"t","Detail":"{}"}]""")).Json;
        Assert.Equal(2, put.GetProperty("FailedEntryCount").GetInt32());
        var entries = put.GetProperty("Entries");
        Assert.Equal("MalformedDetail", entries[0].GetProperty("ErrorCode").GetString());
        Assert.Equal("Detail is malformed.", entries[0].GetProperty("ErrorMessage").GetString());
        Assert.Equal("InvalidArgument", entries[1].GetProperty("ErrorCode").GetString());
        Assert.True(entries[2].TryGetProperty("EventId", out _));
    }

    [Fact]
    public async Task BusesRulesAndTags_CrudPagingAndTestEventPattern_SurviveARestart()
    {
        await using var server = await FulmenServer.StartAsync();
        var aws = new LambdaCli(server).Aws;
        var bus = (await aws.SucceedAsync("events", "create-event-bus", "--name", "orders", "--tags", "Key=team,Value=shop")).Json;
        Assert.Equal($"arn:aws:events:us-east-1:{Account}:event-bus/orders", bus.GetProperty("EventBusArn").GetString());
        LambdaCli.AssertServiceError(await aws.RunAsync("events", "create-event-bus", "--name", "orders"),
            "ResourceAlreadyExistsException", "CreateEventBus", "Event bus orders already exists.");
        foreach (var name in new[] { "a-1", "a-2", "a-3", "b-1" })
        {
            await aws.SucceedAsync("events", "put-rule", "--name", name, "--event-bus-name", "orders", "--event-pattern", """{"source":["shop"]}""");
        }
        await aws.SucceedAsync("events", "disable-rule", "--name", "a-2", "--event-bus-name", "orders");
        await aws.SucceedAsync("events", "put-rule", "--name", "nightly", "--schedule-expression", "cron(0 3 * * ? *)");
        var ruleArn = $"arn:aws:events:us-east-1:{Account}:rule/orders/a-1";
        await aws.SucceedAsync("events", "tag-resource", "--resource-arn", ruleArn, "--tags", "Key=k,Value=v", "Key=gone,Value=x");
        await aws.SucceedAsync("events", "untag-resource", "--resource-arn", ruleArn, "--tag-keys", "gone");

        await server.StopAsync();
        await server.RestartAsync();

        var page = (await aws.SucceedAsync("events", "list-rules", "--event-bus-name", "orders", "--name-prefix", "a-", "--limit", "2", "--no-paginate")).Json;
        Assert.Equal(["a-1", "a-2"], page.GetProperty("Rules").EnumerateArray().Select(r => r.GetProperty("Name").GetString()));
        var next = (await aws.SucceedAsync("events", "list-rules", "--event-bus-name", "orders", "--name-prefix", "a-", "--limit", "2", "--no-paginate",
            "--next-token", page.GetProperty("NextToken").GetString()!)).Json;
        Assert.Equal(["a-3"], next.GetProperty("Rules").EnumerateArray().Select(r => r.GetProperty("Name").GetString()));
        var described = (await aws.SucceedAsync("events", "describe-rule", "--name", "a-2", "--event-bus-name", "orders")).Json;
        Assert.Equal("DISABLED", described.GetProperty("State").GetString());
        Assert.Equal("orders", described.GetProperty("EventBusName").GetString());
        Assert.Equal($"arn:aws:events:us-east-1:{Account}:rule/orders/a-2", described.GetProperty("Arn").GetString());
        Assert.Equal("cron(0 3 * * ? *)", (await aws.SucceedAsync("events", "describe-rule", "--name", "nightly")).Json.GetProperty("ScheduleExpression").GetString());
        var tags = (await aws.SucceedAsync("events", "list-tags-for-resource", "--resource-arn", ruleArn)).Json.GetProperty("Tags");
        Assert.Equal("k", Assert.Single(tags.EnumerateArray()).GetProperty("Key").GetString());
        var buses = (await aws.SucceedAsync("events", "list-event-buses")).Json.GetProperty("EventBuses");
        Assert.Equal(["default", "orders"], buses.EnumerateArray().Select(b => b.GetProperty("Name").GetString()));

        var matches = (await aws.SucceedAsync("events", "test-event-pattern", "--event-pattern", """{"detail":{"n":[{"numeric":[">",1]}]}}""",
            "--event", """{"id":"1","account":"000000000000","source":"s","time":"2024-01-01T00:00:00Z","region":"us-east-1","detail-type":"t","resources":[],"detail":{"n":2}}""")).Json;
        Assert.True(matches.GetProperty("Result").GetBoolean());

        foreach (var name in new[] { "a-1", "a-2", "a-3", "b-1" })
        {
            await aws.SucceedAsync("events", "delete-rule", "--name", name, "--event-bus-name", "orders");
        }
        await aws.SucceedAsync("events", "delete-event-bus", "--name", "orders");
        LambdaCli.AssertServiceError(await aws.RunAsync("events", "describe-event-bus", "--name", "orders"),
            "ResourceNotFoundException", "DescribeEventBus", "Event bus orders does not exist.");
    }

    private static string QueueArn(string name) => $"arn:aws:sqs:us-east-1:{Account}:{name}";

    private async Task<string> CreateQueueAsync(string name) =>
        (await Aws.SucceedAsync("sqs", "create-queue", "--queue-name", name)).Json.GetProperty("QueueUrl").GetString()!;

    private async Task<string> PutEventAsync(string source, string detail)
    {
        var entries = JsonSerializer.Serialize(new[] { new Dictionary<string, string> { ["Source"] = source, ["DetailType"] = "Test", ["Detail"] = detail } });
        var put = (await Aws.SucceedAsync("events", "put-events", "--entries", entries)).Json;
        Assert.Equal(0, put.GetProperty("FailedEntryCount").GetInt32());
        return put.GetProperty("Entries")[0].GetProperty("EventId").GetString()!;
    }

    private async Task<JsonElement> ReceiveAsync(string url) => JsonDocument.Parse(await ReceiveBodyAsync(url)).RootElement;

    /// <summary>Long-polls the queue (20 s a call, a minute in all) for one message; its body.</summary>
    private async Task<string> ReceiveBodyAsync(string url)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var received = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "20")).StandardOutput;
            if (received.Trim().Length > 0 && JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out var messages))
            {
                return Assert.Single(messages.EnumerateArray()).GetProperty("Body").GetString()!;
            }
        }
        throw new Xunit.Sdk.XunitException($"No message arrived in {url} within a minute.");
    }
}
