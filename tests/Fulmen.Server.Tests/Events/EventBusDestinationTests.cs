using System.Net;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Events;

/// <summary>
/// An event bus as an asynchronous invocation's destination: the invocation record arrives, through a rule on the bus
/// and its queue target, as the detail of a <c>lambda</c> event in EventBridge's envelope, on success and on failure;
/// a bus that does not exist is refused. Configured and read with the AWS CLI.
/// </summary>
[Trait("Backend", "Both")]
public sealed class EventBusDestinationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Account = "000000000000";

    private AwsCli Aws => fixture.Lambda.Aws;

    [Theory]
    [InlineData("Success", "Success")]
    [InlineData("Failure", "RetriesExhausted")]
    public async Task AsyncInvoke_BusDestination_RuleOnTheBusGetsTheResultEvent(string result, string condition)
    {
        var name = $"busdest-{result.ToLowerInvariant()}";
        var busArn = (await Aws.SucceedAsync("events", "create-event-bus", "--name", name)).Json.GetProperty("EventBusArn").GetString()!;
        Assert.Equal($"arn:aws:events:us-east-1:{Account}:event-bus/{name}", busArn);
        var url = (await Aws.SucceedAsync("sqs", "create-queue", "--queue-name", name)).Json.GetProperty("QueueUrl").GetString()!;
        var detailType = $"Lambda Function Invocation Result - {result}";
        await Aws.SucceedAsync("events", "put-rule", "--name", "results", "--event-bus-name", name,
            "--event-pattern", $$"""{"source":["lambda"],"detail-type":["{{detailType}}"]}""");
        await Aws.SucceedAsync("events", "put-targets", "--rule", "results", "--event-bus-name", name,
            "--targets", $$"""[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:{{Account}}:{{name}}"}]""");
        await fixture.Http.CreateFunctionAsync(name, result == "Failure" ? TestFunctions.NodeThrows : TestFunctions.NodeEcho);
        await Aws.SucceedAsync("lambda", "put-function-event-invoke-config", "--function-name", name, "--maximum-retry-attempts", "0",
            "--destination-config", $$$"""{"OnSuccess":{"Destination":"{{{busArn}}}"},"OnFailure":{"Destination":"{{{busArn}}}"}}""");

        var queued = await fixture.Http.InvokeEventAsync(name, """{"order":42}""");
        Assert.True(queued.Status == HttpStatusCode.Accepted, queued.ToString());

        var message = await ReceiveAsync(url);
        var functionArn = $"arn:aws:lambda:us-east-1:{Account}:function:{name}:$LATEST";
        string[] members = ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"];
        Assert.Equal(members, message.EnumerateObject().Select(p => p.Name));
        Assert.Equal("0", message.GetProperty("version").GetString());
        Assert.True(Guid.TryParse(message.GetProperty("id").GetString(), out _));
        Assert.Equal(detailType, message.GetProperty("detail-type").GetString());
        Assert.Equal("lambda", message.GetProperty("source").GetString());
        Assert.Equal(Account, message.GetProperty("account").GetString());
        Assert.Equal("us-east-1", message.GetProperty("region").GetString());
        Assert.Equal([busArn, functionArn], message.GetProperty("resources").EnumerateArray().Select(r => r.GetString()));

        var detail = message.GetProperty("detail");
        Assert.Equal("1.0", detail.GetProperty("version").GetString());
        var context = detail.GetProperty("requestContext");
        Assert.Equal(queued.Header("x-amzn-RequestId"), context.GetProperty("requestId").GetString());
        Assert.Equal(functionArn, context.GetProperty("functionArn").GetString());
        Assert.Equal(condition, context.GetProperty("condition").GetString());
        Assert.Equal(1, context.GetProperty("approximateInvokeCount").GetInt32());
        Assert.Equal(42, detail.GetProperty("requestPayload").GetProperty("order").GetInt32());
        Assert.Equal(200, detail.GetProperty("responseContext").GetProperty("statusCode").GetInt32());
        Assert.Equal("$LATEST", detail.GetProperty("responseContext").GetProperty("executedVersion").GetString());
        if (result == "Failure")
        {
            Assert.Equal("Unhandled", detail.GetProperty("responseContext").GetProperty("functionError").GetString());
            Assert.True(detail.GetProperty("responsePayload").TryGetProperty("errorMessage", out _));
        }
        else
        {
            Assert.False(detail.GetProperty("responseContext").TryGetProperty("functionError", out _));
        }
    }

    [Fact]
    public async Task EventInvokeConfig_BusThatDoesNotExist_Refused()
    {
        await fixture.Http.CreateFunctionAsync("busdest-missing", TestFunctions.NodeEcho);

        var refused = await Aws.RunAsync("lambda", "put-function-event-invoke-config", "--function-name", "busdest-missing",
            "--destination-config", $$$"""{"OnFailure":{"Destination":"arn:aws:events:us-east-1:{{{Account}}}:event-bus/no-such-bus"}}""");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("InvalidParameterValueException", refused.StandardError, StringComparison.Ordinal);
    }

    /// <summary>Long-polls the queue (20 s a call, a minute in all) for its one message and parses its body.</summary>
    private async Task<JsonElement> ReceiveAsync(string url)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var received = (await Aws.SucceedAsync("sqs", "receive-message", "--queue-url", url, "--wait-time-seconds", "20")).StandardOutput;
            if (received.Trim().Length > 0 && JsonDocument.Parse(received).RootElement.TryGetProperty("Messages", out var messages))
            {
                return JsonDocument.Parse(Assert.Single(messages.EnumerateArray()).GetProperty("Body").GetString()!).RootElement.Clone();
            }
        }
        throw new Xunit.Sdk.XunitException($"No message arrived in {url} within a minute.");
    }
}
