using System.Globalization;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.AspNetCore;

/// <summary>
/// An ASP.NET Core minimal API as a function (tests/functions/AspNetMinimalApi, AddAWSLambdaHosting on
/// Fulmen.Lambda.AspNetCoreServer), deployed with the AWS CLI and called with curl through a function URL, an HTTP API
/// (payload 2.0), a REST API (payload 1.0) and a load balancer: routes, path parameters, query, JSON bodies, status codes, headers,
/// cookies and binary bodies both ways.
/// </summary>
public sealed class AspNetCoreTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Account = "000000000000";

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task FunctionUrl_MinimalApi_ServesTheAppLikeKestrel()
    {
        await CreateFunctionAsync("aspnet-url", "HttpApi");
        var url = (await Aws.SucceedAsync("lambda", "create-function-url-config", "--function-name", "aspnet-url", "--auth-type", "NONE"))
            .Json.GetProperty("FunctionUrl").GetString()!;
        var id = new Uri(url).Host.Split('.')[0];

        await AssertServesTheAppAsync($"{fixture.Server.Endpoint}/_aws/lambda-url/{id}", pathBase: "");
    }

    [Fact]
    public async Task HttpApi_MinimalApi_ServesTheAppLikeKestrel()
    {
        await CreateFunctionAsync("aspnet-httpapi", "HttpApi");
        var created = (await Aws.SucceedAsync("apigatewayv2", "create-api", "--name", "aspnet", "--protocol-type", "HTTP",
            "--target", $"arn:aws:lambda:us-east-1:{Account}:function:aspnet-httpapi")).Json;
        var apiId = created.GetProperty("ApiId").GetString()!;
        await Aws.SucceedAsync("lambda", "add-permission", "--function-name", "aspnet-httpapi", "--statement-id", "apigateway",
            "--action", "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com", "--source-arn", $"arn:aws:execute-api:us-east-1:{Account}:{apiId}/*");

        await AssertServesTheAppAsync(created.GetProperty("ApiEndpoint").GetString()!, pathBase: "");
    }

    [Fact]
    public async Task RestApi_MinimalApi_ServesTheAppWithTheStageAsPathBase()
    {
        await CreateFunctionAsync("aspnet-rest", "RestApi", "dotnet8");
        var apiId = (await Aws.SucceedAsync("apigateway", "create-rest-api", "--name", "aspnet",
            "--binary-media-types", "image/png", "application/octet-stream")).Json.GetProperty("id").GetString()!;
        var rootId = (await Aws.SucceedAsync("apigateway", "get-resources", "--rest-api-id", apiId)).Json.GetProperty("items")[0].GetProperty("id").GetString()!;
        var proxy = (await Aws.SucceedAsync("apigateway", "create-resource", "--rest-api-id", apiId, "--parent-id", rootId, "--path-part", "{proxy+}"))
            .Json.GetProperty("id").GetString()!;
        await Aws.SucceedAsync("apigateway", "put-method", "--rest-api-id", apiId, "--resource-id", proxy, "--http-method", "ANY", "--authorization-type", "NONE");
        await Aws.SucceedAsync("apigateway", "put-integration", "--rest-api-id", apiId, "--resource-id", proxy, "--http-method", "ANY",
            "--type", "AWS_PROXY", "--integration-http-method", "POST",
            "--uri", $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:{Account}:function:aspnet-rest/invocations");
        await Aws.SucceedAsync("lambda", "add-permission", "--function-name", "aspnet-rest", "--statement-id", "apigateway",
            "--action", "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com", "--source-arn", $"arn:aws:execute-api:us-east-1:{Account}:{apiId}/*/*/*");
        await Aws.SucceedAsync("apigateway", "create-deployment", "--rest-api-id", apiId, "--stage-name", "dev");

        var port = fixture.Server.Port.ToString(CultureInfo.InvariantCulture);
        await AssertServesTheAppAsync($"http://{apiId}.execute-api.localhost:{port}/dev", pathBase: "/dev");
    }

    [Fact]
    public async Task LoadBalancer_MultiValueHeaders_ServesTheAppLikeKestrel()
    {
        await CreateFunctionAsync("aspnet-alb", "ApplicationLoadBalancer");
        var targetGroup = (await Aws.SucceedAsync("elbv2", "create-target-group", "--name", "aspnet-alb-tg", "--target-type", "lambda"))
            .Json.GetProperty("TargetGroups")[0].GetProperty("TargetGroupArn").GetString()!;
        await Aws.SucceedAsync("elbv2", "modify-target-group-attributes", "--target-group-arn", targetGroup,
            "--attributes", "Key=lambda.multi_value_headers.enabled,Value=true");
        await Aws.SucceedAsync("lambda", "add-permission", "--function-name", "aspnet-alb", "--statement-id", "alb", "--action", "lambda:InvokeFunction",
            "--principal", "elasticloadbalancing.amazonaws.com", "--source-arn", targetGroup);
        await Aws.SucceedAsync("elbv2", "register-targets", "--target-group-arn", targetGroup, "--targets", $"Id=arn:aws:lambda:us-east-1:{Account}:function:aspnet-alb");
        var loadBalancer = (await Aws.SucceedAsync("elbv2", "create-load-balancer", "--name", "aspnet-alb-lb", "--subnets", "subnet-aaaa1111", "subnet-bbbb2222"))
            .Json.GetProperty("LoadBalancers")[0].GetProperty("LoadBalancerArn").GetString()!;
        var port = FreePort();
        await Aws.SucceedAsync("elbv2", "create-listener", "--load-balancer-arn", loadBalancer, "--protocol", "HTTP", "--port", $"{port}",
            "--default-actions", $"Type=forward,TargetGroupArn={targetGroup}");

        await AssertServesTheAppAsync($"http://127.0.0.1:{port}", pathBase: "");
    }

    [Fact]
    public async Task DirectInvoke_HttpApiEvent_LambdaContextInItemsLogsWithRequestIdAndUnhandledIs500()
    {
        await CreateFunctionAsync("aspnet-direct", "HttpApi");
        var invocation = await fixture.Lambda.InvokeAsync("aspnet-direct", Event("/lambda"), logTail: true);
        Assert.True(invocation.FunctionError is null, invocation.Payload);
        var response = invocation.PayloadJson;
        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.False(response.GetProperty("isBase64Encoded").GetBoolean());
        using var body = JsonDocument.Parse(response.GetProperty("body").GetString()!);
        Assert.Equal("aspnet-direct", body.RootElement.GetProperty("functionName").GetString());
        Assert.Equal("req-1", body.RootElement.GetProperty("traceIdentifier").GetString());
        Assert.Equal("192.0.2.7", body.RootElement.GetProperty("remoteIp").GetString());
        var requestId = body.RootElement.GetProperty("requestId").GetString();
        Assert.True(invocation.Log!.Contains($"\t{requestId}\tinfo\thandling /lambda as {requestId}\n", StringComparison.Ordinal), invocation.Log);

        // An exception escaping the app is the app's 500, not a function error; the exception goes to the log.
        var failed = await fixture.Lambda.InvokeAsync("aspnet-direct", Event("/throw"), logTail: true);
        Assert.True(failed.FunctionError is null, failed.Payload);
        Assert.Equal(500, failed.PayloadJson.GetProperty("statusCode").GetInt32());
        Assert.Equal("", failed.PayloadJson.GetProperty("body").GetString());
        Assert.Contains("System.InvalidOperationException: boom", failed.Log, StringComparison.Ordinal);
    }

    /// <summary>The same calls and answers behind every front: only the stage (PathBase) differs.</summary>
    private async Task AssertServesTheAppAsync(string baseUrl, string pathBase)
    {
        var hello = await CurlAsync($"{baseUrl}/hello/fulmen%20user?greeting=Hi&tag=a&tag=b%26c");
        Assert.True(hello.Status == 200, hello.ToString());
        Assert.StartsWith("application/json", hello.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("Hi, fulmen user!", hello.Json.GetProperty("message").GetString());
        Assert.Equal("GET", hello.Json.GetProperty("method").GetString());
        Assert.Equal("/hello/fulmen user", hello.Json.GetProperty("path").GetString());
        Assert.Equal(pathBase, hello.Json.GetProperty("pathBase").GetString());
        Assert.Equal(["a", "b&c"], hello.Json.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        var created = await CurlAsync($"{baseUrl}/orders", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", """{"id":"o-1","quantity":3}""");
        Assert.True(created.Status == 201, created.ToString());
        Assert.Equal("/orders/o-1", created.Header("Location"));
        Assert.Equal("""{"id":"o-1","total":15}""", created.Text);

        var rejected = await CurlAsync($"{baseUrl}/orders", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", """{"id":"o-2","quantity":0}""");
        Assert.True(rejected.Status == 400, rejected.ToString());
        Assert.Equal("quantity must be positive", rejected.Json.GetProperty("error").GetString());

        var missing = await CurlAsync($"{baseUrl}/missing");
        Assert.True(missing.Status == 404, missing.ToString());
        var unrouted = await CurlAsync($"{baseUrl}/no/such/route");
        Assert.True(unrouted.Status == 404, unrouted.ToString());

        var headers = await CurlAsync($"{baseUrl}/headers", "-H", "X-Custom: from-client");
        Assert.True(headers.Status == 200, headers.ToString());
        Assert.Equal("custom=from-client", headers.Text);
        Assert.StartsWith("text/plain", headers.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("Fulmen", headers.Header("X-Powered-By"));
        Assert.Equal("one,two", string.Join(',', headers.All("X-Multi")));

        var cookies = await CurlAsync($"{baseUrl}/cookies", "-H", "Cookie: incoming=1; other=two");
        Assert.True(cookies.Status == 200, cookies.ToString());
        Assert.Equal("incoming=1;other=two", cookies.Text);
        var set = cookies.All("Set-Cookie");
        Assert.Equal(2, set.Count);
        Assert.StartsWith("session=abc123; path=/", set.Single(c => c.StartsWith("session=", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("theme=dark", set.Single(c => c.StartsWith("theme=", StringComparison.Ordinal)), StringComparison.Ordinal);

        var binary = await CurlAsync($"{baseUrl}/binary", "-H", "Accept: image/png");
        Assert.True(binary.Status == 200, binary.ToString());
        Assert.Equal("image/png", binary.Header("Content-Type"));
        Assert.Equal(Enumerable.Range(0, 256).Select(i => (byte)i), binary.Body);

        byte[] sent = [0, 1, 2, 200, 255, 10, 13];
        var file = Path.Combine(TestFunction.FilesDirectory(fixture.Server), $"aspnet-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(file, sent);
        var echoed = await CurlAsync($"{baseUrl}/echo-bytes", "-X", "POST", "-H", "Content-Type: application/octet-stream",
            "-H", "Accept: application/octet-stream", "--data-binary", $"@{file}");
        Assert.True(echoed.Status == 200, echoed.ToString());
        Assert.Equal(sent.Reverse(), echoed.Body);

        var failed = await CurlAsync($"{baseUrl}/throw");
        Assert.True(failed.Status == 500, failed.ToString());
    }

    /// <summary>A payload 2.0 event as an HTTP API sends it, for direct invokes.</summary>
    private static string Event(string path) => $$"""
        {"version":"2.0","routeKey":"$default","rawPath":"{{path}}","rawQueryString":"","headers":{"host":"api.example","x-forwarded-proto":"https"},
         "requestContext":{"accountId":"{{Account}}","apiId":"api","domainName":"api.example","http":{"method":"GET","path":"{{path}}","protocol":"HTTP/1.1","sourceIp":"192.0.2.7","userAgent":"test"},
          "requestId":"req-1","routeKey":"$default","stage":"$default","timeEpoch":0},"isBase64Encoded":false}
        """;

    /// <summary>The app (net8.0) on dotnet10 or, as most such apps are deployed today, dotnet8; both run it on .NET 10.</summary>
    private Task CreateFunctionAsync(string name, string eventSource, string runtime = "dotnet10") => Aws.SucceedAsync(
        "lambda", "create-function", "--function-name", name, "--runtime", runtime, "--handler", "AspNetMinimalApi",
        "--role", TestFunctions.Role, "--timeout", "30", "--memory-size", "512", "--zip-file", $"fileb://{DotnetFunctions.AspNetMinimalApiZip}",
        "--environment", $"Variables={{EVENT_SOURCE={eventSource}}}");

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<Curl.Result> CurlAsync(string url, params string[] arguments) => Curl.AtAsync(fixture.Server, url, arguments);
}
