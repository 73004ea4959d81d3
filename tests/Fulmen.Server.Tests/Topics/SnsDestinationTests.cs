using System.Net;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Topics;

/// <summary>
/// A topic as an asynchronous invocation's destination (the invocation record is the message) and as a function's
/// dead-letter queue (the event is the message, with RequestID, ErrorCode and ErrorMessage attributes), read from a
/// queue subscribed to the topic.
/// </summary>
[Trait("Backend", "Both")]
public sealed class SnsDestinationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SnsClient Sns => new(fixture.Lambda.Aws);

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task AsyncInvoke_TopicDestination_OnSuccessAndOnFailure()
    {
        var topic = await Sns.CreateTopicAsync("results");
        var url = await Sns.CreateQueueAsync("results-q");
        await Sns.SubscribeAsync(topic, "sqs", SnsClient.QueueArn("results-q"), """{"RawMessageDelivery":"true"}""");
        await fixture.Http.CreateFunctionAsync("to-topic-ok", TestFunctions.NodeEcho);
        await fixture.Http.CreateFunctionAsync("to-topic-fails", TestFunctions.NodeThrows);
        foreach (var name in new[] { "to-topic-ok", "to-topic-fails" })
        {
            await Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", name, "--maximum-retry-attempts", "0",
                "--destination-config", $$$"""{"OnSuccess":{"Destination":"{{{topic}}}"},"OnFailure":{"Destination":"{{{topic}}}"}}""");
            var queued = await fixture.Http.InvokeEventAsync(name, """{"n":1}""");
            Assert.True(queued.Status == HttpStatusCode.Accepted, queued.ToString());
        }

        var records = (await Sns.ReceiveAsync(url, 2)).Select(SnsClient.Body)
            .ToDictionary(r => r.GetProperty("requestContext").GetProperty("condition").GetString()!);
        Assert.EndsWith(":function:to-topic-ok:$LATEST", records["Success"].GetProperty("requestContext").GetProperty("functionArn").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(":function:to-topic-fails:$LATEST", records["RetriesExhausted"].GetProperty("requestContext").GetProperty("functionArn").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, records["Success"].GetProperty("requestPayload").GetProperty("n").GetInt32());

        var refused = await Aws.RunAsync("lambda", "put-function-event-invoke-config", "--function-name", "to-topic-ok",
            "--destination-config", """{"OnFailure":{"Destination":"arn:aws:sns:us-east-1:000000000000:no-such-topic"}}""");
        Assert.NotEqual(0, refused.ExitCode);
    }

    [Fact]
    public async Task FailedAsyncEvent_GoesToTheTopicAsDeadLetterQueue()
    {
        var topic = await Sns.CreateTopicAsync("dead-letters");
        var url = await Sns.CreateQueueAsync("dead-letters-q");
        await Sns.SubscribeAsync(topic, "sqs", SnsClient.QueueArn("dead-letters-q"), """{"RawMessageDelivery":"true"}""");
        await fixture.Http.CreateFunctionAsync("dlq-to-topic", TestFunctions.NodeThrows, new JsonObject
        {
            ["DeadLetterConfig"] = new JsonObject { ["TargetArn"] = topic },
        });
        await Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", "dlq-to-topic", "--maximum-retry-attempts", "0");

        var queued = await fixture.Http.InvokeEventAsync("dlq-to-topic", """{"lost":true}""");
        Assert.True(queued.Status == HttpStatusCode.Accepted, queued.ToString());

        var message = Assert.Single(await Sns.ReceiveAsync(url, 1));
        Assert.True(SnsClient.Body(message).GetProperty("lost").GetBoolean());
        var attributes = message.GetProperty("MessageAttributes");
        Assert.Equal(queued.Header("x-amzn-RequestId"), attributes.GetProperty("RequestID").GetProperty("StringValue").GetString());
        Assert.Equal("200", attributes.GetProperty("ErrorCode").GetProperty("StringValue").GetString());
        Assert.False(string.IsNullOrEmpty(attributes.GetProperty("ErrorMessage").GetProperty("StringValue").GetString()));
    }
}
