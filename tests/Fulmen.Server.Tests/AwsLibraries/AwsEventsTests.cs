using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.AwsLibraries;

/// <summary>
/// AWS-built C# functions using AWS's events packages (Amazon.Lambda.SQSEvents, .APIGatewayEvents) and a
/// source-generated serializer context, from tests/functions/AwsHandlers, deployed unchanged with the AWS CLI.
/// </summary>
public sealed class AwsEventsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private AwsCli Aws => fixture.Lambda.Aws;

    private async Task CreateAsync(string name, string runtime, string handler) =>
        await Aws.SucceedAsync(
            "lambda", "create-function", "--function-name", name, "--runtime", runtime, "--handler", handler,
            "--role", TestFunctions.Role, "--timeout", "30", "--zip-file", $"fileb://{DotnetFunctions.AwsHandlersZip}");

    [Theory]
    [InlineData("aws-sqs-8", "dotnet8")]
    [InlineData("aws-sqs-10", "dotnet10")]
    public async Task SqsHandler_TypedEvent_AnswersAPartialBatchResponse(string name, string runtime)
    {
        await CreateAsync(name, runtime, "AwsHandlers::AwsHandlers.QueueFunction::Handle");
        const string sqsEvent = """
            {"Records":[
              {"messageId":"m-1","receiptHandle":"r-1","body":"ok","attributes":{"ApproximateReceiveCount":"1"},"messageAttributes":{},
               "md5OfBody":"444bcb3a3fcf8389296c49467f27e1d6","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:orders","awsRegion":"us-east-1"},
              {"messageId":"m-2","receiptHandle":"r-2","body":"fail","attributes":{"ApproximateReceiveCount":"1"},
               "messageAttributes":{"kind":{"stringValue":"order","stringListValues":[],"binaryListValues":[],"dataType":"String"},"blob":{"binaryValue":"AQID","dataType":"Binary"}},
               "md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:orders","awsRegion":"us-east-1"},
              {"messageId":"m-3","receiptHandle":"r-3","body":"ok","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:000000000000:orders","awsRegion":"us-east-1"}
            ]}
            """;
        var invocation = await fixture.Lambda.InvokeAsync(name, sqsEvent, logTail: true);
        Assert.True(invocation.FunctionError is null, invocation.Payload);
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"m-2"}]}""", invocation.Payload);
        Assert.Contains("\tinfo\tprocessed 3 messages, 1 failed\n", invocation.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpApiHandler_BehindAnHttpApi_AnswersThroughIt()
    {
        await CreateAsync("aws-http", "dotnet10", "AwsHandlers::AwsHandlers.HttpFunction::Handle");
        var api = (await Aws.SucceedAsync("apigatewayv2", "create-api", "--name", "aws-http", "--protocol-type", "HTTP",
            "--target", "arn:aws:lambda:us-east-1:000000000000:function:aws-http")).Json;
        var apiId = api.GetProperty("ApiId").GetString()!;
        await Aws.SucceedAsync("lambda", "add-permission", "--function-name", "aws-http", "--statement-id", "apigateway",
            "--action", "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com",
            "--source-arn", $"arn:aws:execute-api:us-east-1:000000000000:{apiId}/*");

        var response = await Curl.AtAsync(fixture.Server, $"{api.GetProperty("ApiEndpoint").GetString()}/orders/17?name=ada", "-X", "POST", "-H", "content-type: text/plain", "-d", "hello");
        Assert.True(response.Status == 201, response.ToString());
        Assert.Equal("POST /orders/17?name=ada name=ada body=hello", response.Text);
        Assert.Equal("$default", response.Header("x-route"));
        Assert.StartsWith("text/plain", response.Header("content-type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceGeneratedSerializer_NamedOnTheMethod_ReadsAndWritesThroughItsContext()
    {
        await CreateAsync("aws-source-generated", "dotnet8", "AwsHandlers::AwsHandlers.SourceGeneratedFunction::Greet");
        var invocation = await fixture.Lambda.InvokeAsync("aws-source-generated", """{"name":"ada","count":1}""");
        Assert.True(invocation.FunctionError is null, invocation.Payload);
        var reply = invocation.PayloadJson;
        Assert.Equal("hello ada", reply.GetProperty("Message").GetString());
        Assert.Equal(2, reply.GetProperty("Count").GetInt32());
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("RequestId").GetString()));
    }

    [Fact]
    public async Task NewtonsoftSerializer_NamedOnTheMethod_ReadsAndWritesWithNewtonsoftsAttributes()
    {
        await CreateAsync("aws-newtonsoft", "dotnet10", "AwsHandlers::AwsHandlers.NewtonsoftFunction::Rename");
        var invocation = await fixture.Lambda.InvokeAsync("aws-newtonsoft", """{"full_name":"ada lovelace","tier":1}""");
        Assert.True(invocation.FunctionError is null, invocation.Payload);
        Assert.Equal("""{"full_name":"ADA LOVELACE","tier":2}""", invocation.Payload);
    }
}
