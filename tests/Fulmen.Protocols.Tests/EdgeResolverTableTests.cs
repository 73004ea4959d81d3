using Microsoft.AspNetCore.Http;
using Fulmen.Protocols.Edge;

namespace Fulmen.Protocols.Tests;

/// <summary>The documented resolver table (docs/protocols.md): one request per service and protocol, and where it lands.</summary>
public sealed class EdgeResolverTableTests
{
    private const string UrlId = "abcdefghijklmnopqrstuvwxyz012345";
    private static readonly EdgeResolver Resolver = StandIns.Resolver();

    public static TheoryData<string, string, string, string?, string?, string, string?> Rows => new()
    {
        // method, host, path+query, X-Amz-Target, signing service → service, operation
        { "POST", "localhost:4566", "/2015-03-31/functions/f/invocations", null, "lambda", "lambda", null },
        { "POST", "localhost:4566", "/2015-03-31/functions/f/invocations", null, null, "lambda", null },
        { "GET", "localhost:4566", "/2021-10-31/functions/f/urls", null, null, "lambda", null },
        { "GET", $"{UrlId}.lambda-url.us-east-1.localhost:4566", "/2015-03-31/anything", null, "lambda", "lambda-url", null },
        { "GET", "localhost:4566", $"/_aws/lambda-url/{UrlId}/path", null, null, "lambda-url", null },
        { "GET", "abcde12345.execute-api.localhost:4566", "/prod/items", null, null, "execute-api", null },
        { "POST", "localhost:4566", "/_aws/execute-api/abcde12345/prod/items", null, "execute-api", "execute-api", null },
        { "GET", "localhost:4566", "/restapis", null, "apigateway", "apigateway", null },
        { "GET", "localhost:4566", "/restapis/abc/resources", null, null, "apigateway", null },
        { "GET", "localhost:4566", "/v2/apis", null, "apigateway", "apigatewayv2", null },
        { "DELETE", "localhost:4566", "/v2/apis/abc", null, null, "apigatewayv2", null },
        { "POST", "localhost:4566", "/", null, "elasticloadbalancing", "elbv2", null },
        { "GET", "localhost:4566", "/?Action=DescribeLoadBalancers&Version=2015-12-01", null, "elasticloadbalancing", "elbv2", "DescribeLoadBalancers" },
        { "GET", "localhost:4566", "/?Action=DescribeTargetGroups", null, null, "elbv2", "DescribeTargetGroups" },
        { "GET", "localhost:4566", "/_fulmen/health", null, null, "fulmen", null },
        { "GET", "localhost:4566", "/metrics", null, null, "fulmen", null },
        { "GET", "localhost:4566", "/_fulmen/health", null, "sts", "fulmen", null },
        // Stand-ins for services to come: S3 by scope (a bucket named like Lambda's path) and by host, JSON targets, query by Action.
        { "PUT", "localhost:4566", "/2015-03-31", null, "s3", "s3", null },
        { "GET", "localhost:4566", "/2015-03-31/functions/f/invocations", null, "s3", "s3", null },
        { "GET", "localhost:4566", "/2015-03-31/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20261206%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=0", null, null, "s3", null },
        { "GET", "my-bucket.s3.localhost:4566", "/key", null, null, "s3", null },
        { "POST", "localhost:4566", "/", "AmazonSQS.ListQueues", "sqs", "sqs", "ListQueues" },
        { "POST", "localhost:4566", "/", "AWSEvents.PutEvents", null, "events", "PutEvents" },
        { "POST", "localhost:4566", "/?Action=Publish", null, null, "sns", "Publish" },
        { "POST", "localhost:4566", "/?Action=Publish", null, "sns", "sns", "Publish" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Resolve_OneRequestPerServiceAndProtocol_LandsOnItsService(
        string method, string host, string target, string? xAmzTarget, string? signedFor, string service, string? operation)
    {
        var resolved = Resolver.Resolve(Request(method, host, target, xAmzTarget, signedFor));

        Assert.NotNull(resolved);
        Assert.Equal(service, resolved.Service.Name);
        Assert.Equal(operation, resolved.Operation);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("lambda")]
    public void Resolve_WarmInvokeRequest_AllocatesNothing(string? signedFor)
    {
        var request = Request("POST", "127.0.0.1:4566", "/2015-03-31/functions/noop/invocations", null, signedFor);
        Resolver.Resolve(request);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Resolver.Resolve(request);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Resolve_UnsignedFormPost_GoesByTheBodysAction()
    {
        var request = Request("POST", "localhost:4566", "/", null, null);

        Assert.Null(Resolver.Resolve(request));
        var resolved = Resolver.Resolve(request, formAction: "CreateTopic");
        Assert.Equal(("sns", "CreateTopic"), (resolved?.Service.Name, resolved?.Operation));
    }

    [Theory]
    [InlineData("GET", "/nothing/here", null, null)]
    [InlineData("POST", "/", null, "sts")]
    [InlineData("POST", "/", "DynamoDB_20120810.ListTables", null)]
    [InlineData("POST", "/2015-03-31/functions/f/invocations", null, "sts")]
    public void Resolve_UnknownRequest_Null(string method, string path, string? xAmzTarget, string? signedFor) =>
        Assert.Null(Resolver.Resolve(Request(method, "localhost:4566", path, xAmzTarget, signedFor)));

    [Fact]
    public void UnknownRequest_SaysWhatWasLookedAt()
    {
        var request = Request("POST", "localhost:4566", "/?Action=GetCallerIdentity", null, "sts");

        var error = UnknownRequest.Error(request, null);

        Assert.Equal((404, "UnknownOperationException"), (error.StatusCode, error.Code));
        Assert.Equal("No service recognised POST /: host localhost:4566, no X-Amz-Target, credential scope service 'sts', Action 'GetCallerIdentity'.", error.Message);
    }

    [Fact]
    public void Resolver_TwoServicesClaimingOneTarget_RefusesToStart()
    {
        var other = new AwsService("other", "other", AwsProtocol.Json10) { TargetPrefixes = ["AmazonSQS"] };

        var e = Assert.Throws<InvalidOperationException>(() => new EdgeResolver([StandIns.Sqs, other]));
        Assert.Contains("AmazonSQS", e.Message, StringComparison.Ordinal);
    }

    internal static HttpRequest Request(string method, string host, string target, string? xAmzTarget, string? signedFor)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = method;
        request.Headers.Host = host;
        var question = target.IndexOf('?', StringComparison.Ordinal);
        request.Path = question < 0 ? target : target[..question];
        request.QueryString = question < 0 ? QueryString.Empty : new QueryString(target[question..]);
        if (xAmzTarget is not null)
        {
            request.Headers["X-Amz-Target"] = xAmzTarget;
        }
        if (signedFor is not null)
        {
            request.Headers.Authorization = StandIns.Authorization(signedFor);
        }
        return request;
    }
}
