using System.Net;
using System.Text;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// One real request per service and protocol on the edge port, and the answer that shows where it landed: each
/// service's own error shape (or success), the fronts' answers by host, and the unknown request's error.
/// </summary>
public sealed class EdgeResolverTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LambdaHttp Http => fixture.Http;
    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task LambdaRestJson_UnsignedAndSigned_LambdasAnswers()
    {
        var response = await Http.GetAsync("/2015-03-31/functions/edge-missing");

        Assert.True(response.Status == HttpStatusCode.NotFound && response.ErrorType == "ResourceNotFoundException", response.ToString());
        Assert.Equal("User", response.Json.GetProperty("Type").GetString());
        Assert.Equal("Function not found: arn:aws:lambda:us-east-1:000000000000:function:edge-missing", response.Json.GetProperty("Message").GetString());
        await Aws.SucceedAsync("lambda", "list-functions");
    }

    [Fact]
    public async Task ApiGatewayV1AndV2_SameSigningName_EachItsControlPlane()
    {
        var v1 = await Http.GetAsync("/restapis/nosuchapi1");
        Assert.True(v1.Status == HttpStatusCode.NotFound && v1.ErrorType == "NotFoundException", v1.ToString());
        Assert.Equal("Invalid API identifier specified", v1.ErrorMessage);
        var v2 = await Http.GetAsync("/v2/apis/nosuchapi2");
        Assert.True(v2.Status == HttpStatusCode.NotFound && v2.ErrorType == "NotFoundException", v2.ToString());
        Assert.Equal("Invalid API identifier specified nosuchapi2", v2.ErrorMessage);

        // The CLI signs both with the scope service "apigateway"; the path tells them apart.
        await Aws.SucceedAsync("apigateway", "get-rest-apis");
        await Aws.SucceedAsync("apigatewayv2", "get-apis");
    }

    [Fact]
    public async Task SchedulerRestJson_UnsignedByPathAndSignedTagsByScope_SchedulersAnswers()
    {
        var unsigned = await Http.GetAsync("/schedules/edge-missing");
        Assert.True(unsigned.Status == HttpStatusCode.NotFound && unsigned.ErrorType == "ResourceNotFoundException", unsigned.ToString());
        Assert.Equal("Schedule edge-missing does not exist.", unsigned.Json.GetProperty("Message").GetString());

        // "/tags/…" is the Scheduler's only by the signature's scope; Lambda's tags stay under its dated path.
        LambdaCli.AssertServiceError(await Aws.RunAsync("scheduler", "list-tags-for-resource", "--resource-arn", "arn:aws:scheduler:us-east-1:000000000000:schedule-group/edge-missing"),
            "ResourceNotFoundException", "ListTagsForResource", "Schedule group edge-missing does not exist.");
        await Aws.SucceedAsync("scheduler", "list-schedule-groups");
        LambdaCli.AssertServiceError(await Aws.RunAsync("lambda", "list-tags", "--resource", "arn:aws:lambda:us-east-1:000000000000:function:edge-none"),
            "ResourceNotFoundException", "ListTags", "Function not found");
    }

    [Fact]
    public async Task PipesRestJson_UnsignedByPath_SignedTagsByScope()
    {
        var unsigned = await Http.GetAsync("/v1/pipes/edge-missing");
        Assert.True(unsigned.Status == HttpStatusCode.NotFound && unsigned.ErrorType == "NotFoundException", unsigned.ToString());
        Assert.Equal("Pipe edge-missing does not exist.", unsigned.ErrorMessage);

        // /tags/ is Scheduler's path too: only the scope says it is Pipes'.
        using var tags = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.Endpoint}/tags/arn%3Aaws%3Apipes%3Aus-east-1%3A000000000000%3Apipe%2Fedge-missing");
        tags.Headers.TryAddWithoutValidation("Authorization", Authorization("pipes"));
        var signed = await Http.SendAsync(tags);
        Assert.True(signed.Status == HttpStatusCode.NotFound && signed.ErrorType == "NotFoundException", signed.ToString());
        Assert.Equal("Pipe edge-missing does not exist.", signed.ErrorMessage);
        await Aws.SucceedAsync("pipes", "list-pipes");
    }

    [Fact]
    public async Task Elbv2Query_SignedOrByAction_QueryAnswers()
    {
        await Aws.SucceedAsync("elbv2", "describe-load-balancers");

        var unsigned = await PostFormAsync("Action=DescribeLoadBalancers&Version=2015-12-01", signedFor: null);
        Assert.True(unsigned.Status == HttpStatusCode.OK, unsigned.ToString());
        Assert.StartsWith("""<?xml version="1.0" encoding="utf-8"?><DescribeLoadBalancersResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">""", unsigned.Body, StringComparison.Ordinal);

        var invalid = await PostFormAsync("Action=Frobnicate&Version=2015-12-01", signedFor: "elasticloadbalancing");
        Assert.True(invalid.Status == HttpStatusCode.BadRequest, invalid.ToString());
        Assert.Equal("text/xml", invalid.Header("Content-Type"));
        Assert.Contains("<Code>InvalidAction</Code><Message>The action Frobnicate is not valid for this web service.</Message>", invalid.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnsQuery_SignedOrByAction_TopicsAnswer()
    {
        await Aws.SucceedAsync("sns", "list-topics");

        var unsigned = await PostFormAsync("Action=ListTopics&Version=2010-03-31", signedFor: null);
        Assert.True(unsigned.Status == HttpStatusCode.OK, unsigned.ToString());
        Assert.StartsWith("""<?xml version="1.0" encoding="utf-8"?><ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">""", unsigned.Body, StringComparison.Ordinal);

        var missing = await PostFormAsync("Action=GetTopicAttributes&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3Aedge-missing", signedFor: "sns");
        Assert.True(missing.Status == HttpStatusCode.NotFound, missing.ToString());
        Assert.Contains("<Code>NotFound</Code>", missing.Body, StringComparison.Ordinal);
        var invalid = await PostFormAsync("Action=Frobnicate&Version=2010-03-31", signedFor: "sns");
        Assert.Contains("<Code>InvalidAction</Code>", invalid.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryForm_OverTheFormLimits_ValidationErrorOfTheService()
    {
        // 1,100 keys, a 3,000-character key, a 5 MB value: each beyond the form reader's limits.
        var manyKeys = "Action=DescribeLoadBalancers&" + string.Join('&', Enumerable.Range(0, 1100).Select(i => $"k{i}=v"));
        foreach (var form in new[] { manyKeys, "Action=DescribeLoadBalancers&" + new string('k', 3000) + "=v", "Action=DescribeLoadBalancers&k=" + new string('x', 5_000_000) })
        {
            var signed = await PostFormAsync(form, signedFor: "elasticloadbalancing");
            Assert.True(signed.Status == HttpStatusCode.BadRequest, signed.ToString());
            Assert.Contains("<Code>ValidationError</Code><Message>The request body could not be read as a form: Form ", signed.Body, StringComparison.Ordinal);
        }

        // Unsigned, the service cannot be told before the form is read: the edge's default shape, still a 400.
        var unsigned = await PostFormAsync(manyKeys, signedFor: null);
        Assert.True(unsigned.Status == HttpStatusCode.BadRequest && unsigned.ErrorType == "BadRequestException", unsigned.ToString());
        Assert.Equal("The request body could not be read as a form: Form value count limit 1024 exceeded.", unsigned.ErrorMessage);
    }

    [Fact]
    public async Task QueryForm_MultipartWithoutItsBoundary_ValidationErrorOfTheService()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{fixture.Server.Endpoint}/")
        {
            Content = new ByteArrayContent("Action=DescribeTargetGroups&Version=2015-12-01"u8.ToArray()),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");
        request.Headers.TryAddWithoutValidation("Authorization", Authorization("elasticloadbalancing"));

        var response = await Http.SendAsync(request);

        Assert.True(response.Status == HttpStatusCode.BadRequest, response.ToString());
        Assert.Contains("<Code>ValidationError</Code><Message>The request body could not be read as a form: ", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownPath_MethodItDoesNotServe_UnknownOperationOfTheService()
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{fixture.Server.Endpoint}/2015-03-31/functions");

        var response = await Http.SendAsync(request);

        Assert.True(response.Status == HttpStatusCode.NotFound && response.ErrorType == "UnknownOperationException", response.ToString());
        Assert.Equal("The lambda service has no operation for PATCH /2015-03-31/functions.", response.ErrorMessage);
    }

    [Fact]
    public async Task FunctionUrlHost_UnknownUrl_FunctionUrlsAnswer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.Endpoint}/2015-03-31/functions");
        request.Headers.Host = "abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.localhost";

        var response = await Http.SendAsync(request);

        Assert.True(response.Status == HttpStatusCode.NotFound && response.ErrorType == "ResourceNotFoundException", response.ToString());
        Assert.Equal("""{"Message":null}""", response.Body);
    }

    [Fact]
    public async Task ExecuteApiHost_UnknownApi_ExecuteApisAnswer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.Endpoint}/v2/apis");
        request.Headers.Host = "zzzzzzzzzz.execute-api.localhost";

        var response = await Http.SendAsync(request);

        Assert.True(response.Status == HttpStatusCode.NotFound, response.ToString());
        Assert.Equal("""{"message":"Not Found"}""", response.Body);
    }

    [Fact]
    public async Task S3RestXml_PathStyleByScope_VirtualHostedByHost_S3Answers()
    {
        // Signed for s3, the path's first segment is a bucket, even one named like Lambda's dated path.
        using var pathStyle = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.Endpoint}/2015-03-31/functions");
        pathStyle.Headers.TryAddWithoutValidation("Authorization", Authorization("s3"));
        var bucket = await Http.SendAsync(pathStyle);
        Assert.True(bucket.Status == HttpStatusCode.NotFound, bucket.ToString());
        Assert.Contains("<Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>2015-03-31</BucketName>", bucket.Body, StringComparison.Ordinal);

        // A host {bucket}.s3.… names the bucket before anything else in the request.
        using var hosted = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.Endpoint}/some/key");
        hosted.Headers.Host = $"edge-missing.s3.localhost:{fixture.Server.Port}";
        var virtualHosted = await Http.SendAsync(hosted);
        Assert.True(virtualHosted.Status == HttpStatusCode.NotFound, virtualHosted.ToString());
        Assert.Contains("<BucketName>edge-missing</BucketName>", virtualHosted.Body, StringComparison.Ordinal);
        await Aws.SucceedAsync("s3api", "list-buckets");
    }

    [Fact]
    public async Task Unknown_PathOrForeignScope_UnknownOperationException()
    {
        var path = await Http.GetAsync("/no/such/thing");
        Assert.True(path.Status == HttpStatusCode.NotFound && path.ErrorType == "UnknownOperationException", path.ToString());
        Assert.StartsWith("No service recognised GET /no/such/thing: host 127.0.0.1:", path.ErrorMessage, StringComparison.Ordinal);

        // A request signed for a service this server does not have never reaches Lambda's routes of the same path.
        using var dynamodb = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.Endpoint}/2015-03-31/functions");
        dynamodb.Headers.TryAddWithoutValidation("Authorization", Authorization("dynamodb"));
        var foreign = await Http.SendAsync(dynamodb);
        Assert.True(foreign.Status == HttpStatusCode.NotFound && foreign.ErrorType == "UnknownOperationException", foreign.ToString());
        Assert.Contains("credential scope service 'dynamodb'", foreign.ErrorMessage, StringComparison.Ordinal);

        var form = await PostFormAsync("Action=GetCallerIdentity&Version=2011-06-15", signedFor: null);
        Assert.True(form.Status == HttpStatusCode.NotFound && form.ErrorType == "UnknownOperationException", form.ToString());
        Assert.EndsWith("no SigV4 credential scope, Action 'GetCallerIdentity'.", form.ErrorMessage, StringComparison.Ordinal);

        var lambda = await Http.GetAsync("/2015-03-31/functions/f/nothing");
        Assert.True(lambda.Status == HttpStatusCode.NotFound && lambda.ErrorType == "UnknownOperationException", lambda.ToString());
        Assert.Equal("The lambda service has no operation for GET /2015-03-31/functions/f/nothing.", lambda.ErrorMessage);
    }

    private async Task<LambdaHttp.Response> PostFormAsync(string form, string? signedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{fixture.Server.Endpoint}/")
        {
            Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (signedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Authorization(signedFor));
        }
        return await Http.SendAsync(request);
    }

    private static string Authorization(string service) =>
        $"AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/{service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123";
}
