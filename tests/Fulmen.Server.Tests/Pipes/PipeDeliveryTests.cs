using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;
using static Fulmen.Server.Tests.Pipes.PipesCli;

namespace Fulmen.Server.Tests.Pipes;

/// <summary>
/// Running pipes through the AWS CLI: an SQS queue through a filter and a Lambda enrichment to a function; SQS and
/// event bus targets with input templates; a failing target leaves the messages to the queue's redrive policy.
/// </summary>
[Trait("Backend", "Both")]
public sealed class PipeDeliveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>Records the records it is given (<c>enrich-ID.json</c>) and answers each with an enriched event.</summary>
    private static readonly TestFunction Enricher = TestFunctions.Python("""
        import json, os

        def handler(event, context):
            path = os.path.join(os.environ["RECORD_DIR"], f"enrich-{context.aws_request_id}.json")
            with open(path + ".tmp", "w") as f:
                json.dump(event, f)
            os.rename(path + ".tmp", path)
            return [{"order": json.loads(r["body"])["order"], "enriched": True, "messageId": r["messageId"], "from": r["eventSourceARN"]} for r in event]
        """);

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task SqsThroughFilterAndEnrichment_TargetGetsExactlyTheEnrichedMatchingRecords_QueueDrained()
    {
        var recorder = new Recorder(fixture.Server, "pipe-target");
        await fixture.Http.CreateFunctionAsync("pipe-target", Recorder.DestinationFunction, recorder.Settings());
        await fixture.Http.CreateFunctionAsync("pipe-enricher", Enricher, recorder.Settings());
        var url = await CreateQueueAsync(Aws, "pipe-orders");
        // No permission is added to either function: a pipe acts with its role, not through resource policies.
        await Aws.SucceedAsync("pipes", "create-pipe", "--name", "orders", "--role-arn", Role, "--source", QueueArn("pipe-orders"),
            "--source-parameters", """{"SqsQueueParameters":{"BatchSize":10},"FilterCriteria":{"Filters":[{"Pattern":"{\"body\":{\"kind\":[\"order\"]}}"}]}}""",
            "--enrichment", FunctionArn("pipe-enricher"), "--target", FunctionArn("pipe-target"),
            "--target-parameters", """{"LambdaFunctionParameters":{"InvocationType":"REQUEST_RESPONSE"}}""");
        await WaitForStateAsync(Aws, "orders", "RUNNING");

        var matching = new List<string>();
        foreach (var (kind, order) in new[] { ("order", 1), ("refund", 2), ("order", 3), ("ping", 4), ("order", 5) })
        {
            var sent = (await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", $$"""{"kind":"{{kind}}","order":{{order}}}""")).Json;
            if (kind == "order")
            {
                matching.Add(sent.GetProperty("MessageId").GetString()!);
            }
        }
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", "not json");

        var delivered = await TargetEventsAsync(recorder, 3);
        Assert.Equal([1, 3, 5], delivered.Select(e => e.GetProperty("order").GetInt32()).Order());
        Assert.All(delivered, e => Assert.True(e.GetProperty("enriched").GetBoolean()));
        Assert.All(delivered, e => Assert.Equal(QueueArn("pipe-orders"), e.GetProperty("from").GetString()));
        Assert.Equal(matching.Order(), delivered.Select(e => e.GetProperty("messageId").GetString()!).Order());
        await WaitUntilDrainedAsync(Aws, url);

        // The enrichment saw only the matching records, in the pipe's SQS record shape.
        var enriched = recorder.Files("enrich-").SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.EnumerateArray()).ToList();
        Assert.Equal(3, enriched.Count);
        var record = enriched[0];
        string[] members = ["messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody", "eventSource", "eventSourceARN", "awsRegion"];
        Assert.Equal(members, record.EnumerateObject().Select(p => p.Name));
        Assert.Equal("aws:sqs", record.GetProperty("eventSource").GetString());
        Assert.Equal("us-east-1", record.GetProperty("awsRegion").GetString());
        Assert.Equal(JsonValueKind.String, record.GetProperty("body").ValueKind);
        // Nothing else came: every batch was one invocation of the target, and it saw only the three.
        Assert.Equal(3, (await TargetEventsAsync(recorder, 3)).Count);
    }

    [Fact]
    public async Task EnrichmentInputTemplate_ShapesWhatTheEnrichmentGets_FireAndForgetTargetGetsItsAnswer()
    {
        var recorder = new Recorder(fixture.Server, "pipe-async");
        await fixture.Http.CreateFunctionAsync("pipe-async-target", Recorder.DestinationFunction, recorder.Settings());
        await fixture.Http.CreateFunctionAsync("pipe-echo", TestFunctions.Python("""
            def handler(event, context):
                return event
            """));
        var url = await CreateQueueAsync(Aws, "pipe-async-src");
        await Aws.SucceedAsync("pipes", "create-pipe", "--name", "async", "--role-arn", Role, "--source", QueueArn("pipe-async-src"),
            "--enrichment", FunctionArn("pipe-echo"),
            "--enrichment-parameters", """{"InputTemplate":"{\"order\": <$.body.order>, \"pipe\": \"<aws.pipes.pipe-name>\", \"enrichment\": \"<aws.pipes.enrichment-arn>\"}"}""",
            "--target", FunctionArn("pipe-async-target"),
            "--target-parameters", """{"LambdaFunctionParameters":{"InvocationType":"FIRE_AND_FORGET"}}""");
        await WaitForStateAsync(Aws, "async", "RUNNING");
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", url, "--message-body", """{"order":{"id":9}}""");

        var delivered = Assert.Single(await TargetEventsAsync(recorder, 1));
        Assert.Equal(9, delivered.GetProperty("order").GetProperty("id").GetInt32());
        Assert.Equal("async", delivered.GetProperty("pipe").GetString());
        Assert.Equal(FunctionArn("pipe-echo"), delivered.GetProperty("enrichment").GetString());
        await WaitUntilDrainedAsync(Aws, url);
    }

    [Fact]
    public async Task SqsTarget_OneMessagePerEvent_ThroughTheInputTemplate()
    {
        var source = await CreateQueueAsync(Aws, "pipe-sq-src");
        var target = await CreateQueueAsync(Aws, "pipe-sq-dst");
        await Aws.SucceedAsync("pipes", "create-pipe", "--name", "to-queue", "--role-arn", Role, "--source", QueueArn("pipe-sq-src"),
            "--target", QueueArn("pipe-sq-dst"),
            "--target-parameters", """{"InputTemplate":"{\"id\": <$.body.id>, \"pipe\": \"<aws.pipes.pipe-name>\", \"arn\": <aws.pipes.pipe-arn>, \"source\": \"<aws.pipes.source-arn>\", \"raw\": <aws.pipes.event.json>}"}""");
        await WaitForStateAsync(Aws, "to-queue", "RUNNING");
        await Aws.SucceedAsync("sqs", "send-message-batch", "--queue-url", source, "--entries",
            """[{"Id":"a","MessageBody":"{\"id\":\"x-1\"}"},{"Id":"b","MessageBody":"{\"id\":\"x-2\"}"}]""");

        var bodies = (await ReceiveBodiesAsync(Aws, target, 2)).Select(b => JsonDocument.Parse(b).RootElement).ToList();
        Assert.Equal(["x-1", "x-2"], bodies.Select(b => b.GetProperty("id").GetString()).Order());
        Assert.All(bodies, b => Assert.Equal("to-queue", b.GetProperty("pipe").GetString()));
        Assert.All(bodies, b => Assert.Equal($"arn:aws:pipes:us-east-1:{Account}:pipe/to-queue", b.GetProperty("arn").GetString()));
        Assert.All(bodies, b => Assert.Equal(QueueArn("pipe-sq-src"), b.GetProperty("source").GetString()));
        // aws.pipes.event.json is the record with its JSON body read as JSON.
        Assert.All(bodies, b => Assert.Equal(b.GetProperty("id").GetString(), b.GetProperty("raw").GetProperty("body").GetProperty("id").GetString()));
        await WaitUntilDrainedAsync(Aws, source);
    }

    [Fact]
    public async Task EventBusTarget_EventPerRecord_ThroughTheBusRulesToAQueue()
    {
        var source = await CreateQueueAsync(Aws, "pipe-eb-src");
        var witness = await CreateQueueAsync(Aws, "pipe-eb-witness");
        var plain = await CreateQueueAsync(Aws, "pipe-eb-plain");
        await Aws.SucceedAsync("events", "create-event-bus", "--name", "pipe-bus");
        await Aws.SucceedAsync("events", "put-rule", "--name", "from-pipe", "--event-bus-name", "pipe-bus",
            "--event-pattern", """{"source":["com.example.pipe"],"detail-type":["Order"]}""");
        await Aws.SucceedAsync("events", "put-targets", "--rule", "from-pipe", "--event-bus-name", "pipe-bus", "--targets",
            $$"""[{"Id":"q","Arn":"{{QueueArn("pipe-eb-witness")}}"}]""");
        await Aws.SucceedAsync("events", "put-rule", "--name", "defaults", "--event-bus-name", "pipe-bus",
            "--event-pattern", """{"source":["Pipe to-bus-default"]}""");
        await Aws.SucceedAsync("events", "put-targets", "--rule", "defaults", "--event-bus-name", "pipe-bus", "--targets",
            $$"""[{"Id":"q","Arn":"{{QueueArn("pipe-eb-plain")}}"}]""");
        var busArn = $"arn:aws:events:us-east-1:{Account}:event-bus/pipe-bus";

        await Aws.SucceedAsync("pipes", "create-pipe", "--name", "to-bus", "--role-arn", Role, "--source", QueueArn("pipe-eb-src"), "--target", busArn,
            "--target-parameters", """{"EventBridgeEventBusParameters":{"Source":"com.example.pipe","DetailType":"Order","Resources":["arn:aws:s3:::bucket"]},"InputTemplate":"{\"order\": <$.body.order>}"}""");
        await Aws.SucceedAsync("pipes", "create-pipe", "--name", "to-bus-default", "--role-arn", Role, "--source", QueueArn("pipe-eb-src"), "--target", busArn,
            "--desired-state", "STOPPED");
        await WaitForStateAsync(Aws, "to-bus", "RUNNING");
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", source, "--message-body", """{"order":42}""");

        var envelope = JsonDocument.Parse(Assert.Single(await ReceiveBodiesAsync(Aws, witness, 1))).RootElement;
        Assert.Equal("com.example.pipe", envelope.GetProperty("source").GetString());
        Assert.Equal("Order", envelope.GetProperty("detail-type").GetString());
        Assert.Equal(42, envelope.GetProperty("detail").GetProperty("order").GetInt32());
        Assert.Equal("arn:aws:s3:::bucket", Assert.Single(envelope.GetProperty("resources").EnumerateArray()).GetString());
        await WaitUntilDrainedAsync(Aws, source);

        // Without parameters: AWS's defaults, and the record itself as the detail.
        await Aws.SucceedAsync("pipes", "stop-pipe", "--name", "to-bus");
        await WaitForStateAsync(Aws, "to-bus", "STOPPED");
        await Aws.SucceedAsync("pipes", "start-pipe", "--name", "to-bus-default");
        await WaitForStateAsync(Aws, "to-bus-default", "RUNNING");
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", source, "--message-body", "plain text");
        var record = JsonDocument.Parse(Assert.Single(await ReceiveBodiesAsync(Aws, plain, 1))).RootElement;
        Assert.Equal("Event from aws:sqs", record.GetProperty("detail-type").GetString());
        Assert.Equal("plain text", record.GetProperty("detail").GetProperty("body").GetString());
    }

    [Fact]
    public async Task FailingTarget_MessagesReturnToTheQueue_RedrivePolicyMovesThem()
    {
        var dlq = await CreateQueueAsync(Aws, "pipe-fail-dlq");
        var source = await CreateQueueAsync(Aws, "pipe-fail-src");
        await Aws.SucceedAsync("sqs", "set-queue-attributes", "--queue-url", source, "--attributes", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["VisibilityTimeout"] = "1",
            ["RedrivePolicy"] = JsonSerializer.Serialize(new { deadLetterTargetArn = QueueArn("pipe-fail-dlq"), maxReceiveCount = 2 }),
        }));
        // The target function does not exist: each attempt fails and the message returns to the queue.
        await Aws.SucceedAsync("pipes", "create-pipe", "--name", "failing", "--role-arn", Role, "--source", QueueArn("pipe-fail-src"),
            "--target", FunctionArn("pipe-no-such-function"));
        await WaitForStateAsync(Aws, "failing", "RUNNING");
        await Aws.SucceedAsync("sqs", "send-message", "--queue-url", source, "--message-body", "doomed");

        Assert.Equal("doomed", Assert.Single(await ReceiveBodiesAsync(Aws, dlq, 1)));
        await Aws.SucceedAsync("pipes", "delete-pipe", "--name", "failing");
    }

    [Fact]
    public async Task RunningPipe_AfterARestart_PollsAgain_StoppedPipeStaysStopped()
    {
        await using var server = await FulmenServer.StartAsync();
        var aws = new LambdaCli(server).Aws;
        var source = await CreateQueueAsync(aws, "restart-src");
        var target = await CreateQueueAsync(aws, "restart-dst");
        await aws.SucceedAsync("pipes", "create-pipe", "--name", "durable", "--role-arn", Role, "--source", QueueArn("restart-src"), "--target", QueueArn("restart-dst"));
        await aws.SucceedAsync("pipes", "create-pipe", "--name", "parked", "--role-arn", Role, "--source", QueueArn("restart-src"), "--target", QueueArn("restart-dst"),
            "--desired-state", "STOPPED");
        await WaitForStateAsync(aws, "durable", "RUNNING");
        await WaitForStateAsync(aws, "parked", "STOPPED");

        await server.StopAsync();
        await server.RestartAsync();

        Assert.Equal("STOPPED", (await aws.SucceedAsync("pipes", "describe-pipe", "--name", "parked")).Json.GetProperty("CurrentState").GetString());
        await aws.SucceedAsync("sqs", "send-message", "--queue-url", source, "--message-body", "after restart");
        var record = JsonDocument.Parse(Assert.Single(await ReceiveBodiesAsync(aws, target, 1))).RootElement;
        Assert.Equal("after restart", record.GetProperty("body").GetString());
        Assert.Equal(QueueArn("restart-src"), record.GetProperty("eventSourceARN").GetString());
    }

    /// <summary>The events the target function got, over all its invocations, once there are at least <paramref name="count"/>.</summary>
    private static async Task<List<JsonElement>> TargetEventsAsync(Recorder recorder, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var events = recorder.Files("record-").SelectMany(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.EnumerateArray()).ToList();
            if (events.Count >= count)
            {
                return events;
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"the target got {events.Count} events, not {count}, within 90 s");
            }
            await Task.Delay(100);
        }
    }
}
