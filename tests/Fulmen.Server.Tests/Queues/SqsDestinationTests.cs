using System.Net;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>
/// A queue as an asynchronous invocation's destination: the invocation record arrives as one message in AWS's
/// shape, on failure (retries exhausted) and on success, configured and read with the AWS CLI.
/// </summary>
[Trait("Backend", "Both")]
public sealed class SqsDestinationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private AwsCli Aws => fixture.Lambda.Aws;

    [Theory]
    [InlineData("OnFailure", "RetriesExhausted")]
    [InlineData("OnSuccess", "Success")]
    public async Task AsyncInvoke_QueueDestination_RecordInAwsShape(string on, string condition)
    {
        var name = $"dest-{on.ToLowerInvariant()}";
        var url = (await Aws.SucceedAsync("sqs", "create-queue", "--queue-name", name)).Json.GetProperty("QueueUrl").GetString()!;
        await fixture.Http.CreateFunctionAsync(name, on == "OnFailure" ? TestFunctions.NodeThrows : TestFunctions.NodeEcho);
        await Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", name, "--maximum-retry-attempts", "0",
            "--destination-config", $$$"""{"{{{on}}}":{"Destination":"arn:aws:sqs:us-east-1:000000000000:{{{name}}}"}}""");

        var queued = await fixture.Http.InvokeEventAsync(name, """{"order":42}""");
        Assert.True(queued.Status == HttpStatusCode.Accepted, queued.ToString());

        var record = await ReceiveOneAsync(url);
        Assert.Equal("1.0", record.GetProperty("version").GetString());
        var context = record.GetProperty("requestContext");
        Assert.Equal(queued.Header("x-amzn-RequestId"), context.GetProperty("requestId").GetString());
        Assert.Equal($"arn:aws:lambda:us-east-1:000000000000:function:{name}:$LATEST", context.GetProperty("functionArn").GetString());
        Assert.Equal(condition, context.GetProperty("condition").GetString());
        Assert.Equal(1, context.GetProperty("approximateInvokeCount").GetInt32());
        Assert.Equal(42, record.GetProperty("requestPayload").GetProperty("order").GetInt32());
        Assert.Equal(200, record.GetProperty("responseContext").GetProperty("statusCode").GetInt32());
        if (on == "OnFailure")
        {
            Assert.Equal("Unhandled", record.GetProperty("responseContext").GetProperty("functionError").GetString());
        }
    }

    [Fact]
    public async Task DeadLetterConfig_FailedEvent_ItselfWithRequestIdErrorCodeAndMessage()
    {
        var url = (await Aws.SucceedAsync("sqs", "create-queue", "--queue-name", "dead-letters")).Json.GetProperty("QueueUrl").GetString()!;
        await fixture.Http.CreateFunctionAsync("dlq-fails", TestFunctions.NodeThrows, new System.Text.Json.Nodes.JsonObject
        {
            ["DeadLetterConfig"] = new System.Text.Json.Nodes.JsonObject { ["TargetArn"] = "arn:aws:sqs:us-east-1:000000000000:dead-letters" },
        });
        await Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", "dlq-fails", "--maximum-retry-attempts", "0");

        var queued = await fixture.Http.InvokeEventAsync("dlq-fails", """{"order":7}""");

        var message = await ReceiveMessageAsync(url);
        Assert.Equal(7, JsonDocument.Parse(message.GetProperty("Body").GetString()!).RootElement.GetProperty("order").GetInt32());
        var attributes = message.GetProperty("MessageAttributes");
        Assert.Equal(queued.Header("x-amzn-RequestId"), attributes.GetProperty("RequestID").GetProperty("StringValue").GetString());
        Assert.Equal("Number", attributes.GetProperty("ErrorCode").GetProperty("DataType").GetString());
        Assert.Equal("200", attributes.GetProperty("ErrorCode").GetProperty("StringValue").GetString());
        Assert.Contains("errorMessage", attributes.GetProperty("ErrorMessage").GetProperty("StringValue").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EventInvokeConfig_QueueThatDoesNotExist_Refused()
    {
        await fixture.Http.CreateFunctionAsync("dest-missing", TestFunctions.NodeEcho);

        var refused = await Aws.RunAsync("lambda", "put-function-event-invoke-config", "--function-name", "dest-missing",
            "--destination-config", """{"OnFailure":{"Destination":"arn:aws:sqs:us-east-1:000000000000:no-such-queue"}}""");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("InvalidParameterValueException", refused.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Long-polls the queue for its one message and parses its body.</summary>
    private async Task<JsonElement> ReceiveOneAsync(string url) =>
        JsonDocument.Parse((await ReceiveMessageAsync(url)).GetProperty("Body").GetString()!).RootElement;

    /// <summary>Long-polls the queue (20 s a call, a minute in all) for its one message, with all its attributes.</summary>
    private async Task<JsonElement> ReceiveMessageAsync(string url)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var received = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "20",
                "--message-attribute-names", "All")).StandardOutput;
            if (received.Trim().Length > 0 && JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out var messages))
            {
                return Assert.Single(messages.EnumerateArray()).Clone();
            }
        }
        throw new Xunit.Sdk.XunitException($"No message arrived in {url} within a minute.");
    }
}
