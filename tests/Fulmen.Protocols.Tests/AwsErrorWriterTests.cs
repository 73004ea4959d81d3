using System.Text;
using Fulmen.ApiGateway.RestApis;
using Fulmen.Functions.Api;
using Fulmen.LoadBalancing.Elbv2;
using Fulmen.Protocols.Edge;
using Fulmen.Protocols.Errors;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Tests;

/// <summary>One writer per protocol: the exact status, headers and bytes of each envelope.</summary>
public sealed class AwsErrorWriterTests
{
    private const string RequestId = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public async Task WriteAsync_RestJson_MessageAndErrorTypeHeader()
    {
        var (response, body) = await WriteAsync(RestApiServices.Service, new AwsError(404, "NotFoundException", "Invalid API identifier specified"));

        Assert.Equal(404, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("NotFoundException", response.Headers["x-amzn-ErrorType"]);
        Assert.Equal(RequestId, response.Headers["x-amzn-RequestId"]);
        Assert.Equal("""{"message":"Invalid API identifier specified"}""", body);
    }

    [Theory]
    [InlineData(404, "ResourceNotFoundException", null, """{"Type":"User","Message":"Function not found: arn"}""")]
    [InlineData(400, "ValidationException", null, """{"message":"Function not found: arn"}""")]
    [InlineData(503, "ServiceException", null, """{"Type":"Service","Message":"Function not found: arn"}""")]
    [InlineData(429, "TooManyRequestsException", "ReservedFunctionConcurrentInvocationLimitExceeded", """{"Type":"User","message":"Function not found: arn","Reason":"ReservedFunctionConcurrentInvocationLimitExceeded"}""")]
    public async Task WriteAsync_LambdaShape_TypeMessageCaseAndReason(int status, string code, string? reason, string expected)
    {
        var (response, body) = await WriteAsync(LambdaService.Api, new LambdaError(status, code, "Function not found: arn", reason).ToAwsError());

        Assert.Equal(code, response.Headers["x-amzn-ErrorType"]);
        Assert.Equal(expected, body);
    }

    [Fact]
    public async Task WriteAsync_Json10_TypeMemberWithPrefixAndContentType()
    {
        var (response, body) = await WriteAsync(StandIns.Sqs, new AwsError(400, "QueueDoesNotExist", "The specified queue does not exist."));

        Assert.Equal("application/x-amz-json-1.0", response.ContentType);
        Assert.Equal("QueueDoesNotExist", response.Headers["x-amzn-ErrorType"]);
        Assert.Equal("""{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}""", body);
    }

    [Fact]
    public async Task WriteAsync_Json11_ContentType()
    {
        var (response, body) = await WriteAsync(StandIns.Events, new AwsError(400, "ValidationException", "'quoted' + kept"));

        Assert.Equal("application/x-amz-json-1.1", response.ContentType);
        Assert.Equal("""{"__type":"ValidationException","message":"'quoted' + kept"}""", body);
    }

    [Fact]
    public async Task WriteAsync_Query_ErrorResponseInTheServiceNamespace()
    {
        var (response, body) = await WriteAsync(ElbApi.Descriptor, new AwsError(400, "LoadBalancerNotFound", "One or more load balancers not found"));

        Assert.Equal(400, response.StatusCode);
        Assert.Equal("text/xml", response.ContentType);
        Assert.False(response.Headers.ContainsKey("x-amzn-ErrorType"));
        Assert.Equal(
            """<?xml version="1.0" encoding="utf-8"?><ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">"""
            + "<Error><Type>Sender</Type><Code>LoadBalancerNotFound</Code><Message>One or more load balancers not found</Message></Error>"
            + $"<RequestId>{RequestId}</RequestId></ErrorResponse>", body);
    }

    [Fact]
    public async Task WriteAsync_QueryServiceFault_Receiver()
    {
        var (response, body) = await WriteAsync(ElbApi.Descriptor, ElbApi.Descriptor.Unavailable("The store is unreachable."));

        Assert.Equal(503, response.StatusCode);
        Assert.Contains("<Type>Receiver</Type><Code>ServiceUnavailable</Code>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_RestXml_ErrorWithFieldsAndRequestId()
    {
        var error = new AwsError(404, "NoSuchBucket", "The specified bucket does not exist") { Fields = [new("BucketName", "2015-03-31")] };

        var (response, body) = await WriteAsync(StandIns.S3, error);

        Assert.Equal("application/xml", response.ContentType);
        Assert.Equal(
            """<?xml version="1.0" encoding="utf-8"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message>"""
            + $"<BucketName>2015-03-31</BucketName><RequestId>{RequestId}</RequestId></Error>", body);
    }

    [Fact]
    public async Task WriteAsync_XmlMessageWithControlCharacter_ReplacedNotBroken()
    {
        var (_, body) = await WriteAsync(StandIns.S3, new AwsError(400, "InvalidArgument", "bad \u0001 byte"));

        Assert.Contains("<Message>bad \uFFFD byte</Message>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_NoResolvedService_RestJson()
    {
        var context = NewContext();

        await new AwsError(404, UnknownRequest.Code, "No service recognised GET /x.").WriteAsync(context);

        Assert.Equal("application/json", context.Response.ContentType);
        Assert.Equal("""{"message":"No service recognised GET /x."}""", Body(context));
    }

    [Fact]
    public async Task WriteAsync_ResolvedService_ItsProtocol()
    {
        var context = NewContext();
        context.Features.Set(new EdgeTarget(ElbApi.Descriptor, "DescribeLoadBalancers"));

        await new AwsError(400, "ValidationError", "x").WriteAsync(context);

        Assert.Equal("text/xml", context.Response.ContentType);
    }

    /// <summary>SQS speaks both: a request that came with X-Amz-Target is answered in JSON 1.0, a form in XML.</summary>
    [Fact]
    public async Task WriteAsync_QueryServiceWithTargets_EnvelopeOfTheRequestsProtocol()
    {
        var error = new AwsError(400, "QueueDoesNotExist", "The specified queue does not exist.") { QueryCode = "AWS.SimpleQueueService.NonExistentQueue" };
        var json = NewContext();
        json.Request.Headers["X-Amz-Target"] = "AmazonSQS.GetQueueUrl";
        var form = NewContext();

        await AwsErrorWriter.WriteAsync(json, Fulmen.Queues.Api.SqsApi.Descriptor, error);
        await AwsErrorWriter.WriteAsync(form, Fulmen.Queues.Api.SqsApi.Descriptor, error);

        Assert.Equal("application/x-amz-json-1.0", json.Response.ContentType);
        Assert.Equal("""{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}""", Body(json));
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue;Sender", json.Response.Headers["x-amzn-query-error"]);
        Assert.Equal("text/xml", form.Response.ContentType);
        Assert.Contains("<Code>AWS.SimpleQueueService.NonExistentQueue</Code>", Body(form), StringComparison.Ordinal);
    }

    private static async Task<(HttpResponse Response, string Body)> WriteAsync(AwsService service, AwsError error)
    {
        var context = NewContext();
        await AwsErrorWriter.WriteAsync(context, service, error);
        return (context.Response, Body(context));
    }

    private static DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.Response.Headers["x-amzn-RequestId"] = RequestId;
        return context;
    }

    private static string Body(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
}
