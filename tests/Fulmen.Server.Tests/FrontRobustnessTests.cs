using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Every HTTP front (function URL, HTTP API, REST API, ALB listener) fed hostile answers by a real function and
/// unusual methods by a bare socket: each is the front's own error as AWS answers it, never the server's 500 or a
/// hang, and the next good request on the same connection is served.
/// </summary>
[Trait("Backend", "Both")]
public sealed class FrontRobustnessTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Account = "000000000000";
    private const string Utf8Disposition = "attachment; filename=\"résumé 文件.pdf\"";

    /// <summary>Answers per last path segment; <c>ok METHOD</c> for anything else.</summary>
    private static readonly TestFunction Hostile = EchoFunctions.Node("""
          const target = event.rawPath ?? event.path;
          const method = event.requestContext?.http?.method ?? event.httpMethod;
          const ok = (extra) => ({ statusCode: 200, headers: { 'Content-Type': 'text/plain', ...extra }, body: `ok ${method}` });
          switch (target.split('/').pop()) {
            case 'utf8': return ok({ 'Content-Disposition': 'attachment; filename="résumé 文件.pdf"' });
            case 'crlf': return ok({ 'X-Bad': 'a\r\nInjected: yes' });
            case 'lf': return ok({ 'X-Bad': 'a\nInjected: yes' });
            case 'nul': return ok({ 'X-Bad': 'a\u0000b' });
            case 'del': return ok({ 'X-Bad': 'a\u007fb' });
            case 'space-name': return ok({ 'X Bad': 'v' });
            case 'colon-name': return ok({ 'X:Bad': 'v' });
            case 'empty-name': return ok({ '': 'v' });
            case 'utf8-name': return ok({ 'Xé': 'v' });
            case 'surrogate': return ok({ 'X-Bad': 'a\ud800b' });
            case 'multi-crlf': return { statusCode: 200, multiValueHeaders: { 'X-Bad': ['fine', 'a\r\nInjected: yes'] }, body: 'x' };
            case 'cookie-crlf': return { statusCode: 200, cookies: ['a=1\r\nInjected: yes'], body: 'x' };
            case 'status-0': return { statusCode: 0, body: 'x' };
            case 'status-99': return { statusCode: 99, body: 'x' };
            case 'status-101': return { statusCode: 101, body: 'x' };
            case 'status-1000': return { statusCode: 1000, body: 'x' };
            case 'status-text': return { statusCode: 'teapot', body: 'x' };
            case 'no-content': return { statusCode: 204, headers: { 'X-Kept': 'yes' }, body: 'dropped' };
            case 'big-header': return ok({ 'X-Big': 'b'.repeat(40000) });
            case 'reason-crlf': return { statusCode: 200, statusDescription: '200 OK\r\nInjected: yes', headers: {}, body: 'x' };
            default: return ok({});
          }
        """);

    /// <summary>How a front is addressed (port, Host, path prefix) and what it answers for a malformed answer.</summary>
    public sealed record Front(string Name, int Port, string Host, string Prefix, int ErrorStatus, string ErrorBody);

    private sealed record Fronts(Front Url, Front Http, Front Http1, Front Rest, Front Alb)
    {
        public Front this[string name] => name switch { "url" => Url, "http" => Http, "http1" => Http1, "rest" => Rest, _ => Alb };
    }

    /// <summary>Function URL, HTTP API with payload 2.0 and with 1.0, REST API, ALB listener.</summary>
    public static TheoryData<string> AllFronts => ["url", "http", "http1", "rest", "alb"];

    [Theory]
    [MemberData(nameof(AllFronts))]
    public async Task HostileHeadersOrStatus_FrontsOwnError_NextRequestOnConnectionServed(string name)
    {
        var front = (await FrontsAsync())[name];
        string[] cases = ["crlf", "lf", "nul", "del", "space-name", "colon-name", "empty-name", "utf8-name", "surrogate",
            "status-0", "status-99", "status-101", "status-1000", "status-text",
            .. name switch { "rest" or "http1" => (string[])["multi-crlf"], "url" or "http" => ["cookie-crlf"], _ => ["big-header", "reason-crlf"] }];
        await using var connection = await RawHttp.ConnectAsync(front.Port);
        foreach (var hostile in cases)
        {
            var refused = await connection.SendAsync("GET", $"{front.Prefix}/{hostile}", front.Host);
            Assert.True(refused.Status == front.ErrorStatus, $"{name} {hostile}:\n{refused}");
            Assert.Contains(front.ErrorBody, refused.Text, StringComparison.Ordinal);
            Assert.Null(refused.Header("Injected"));
            Assert.Null(refused.Header("X-Bad"));

            var next = await connection.SendAsync("GET", $"{front.Prefix}/good", front.Host);
            Assert.True(next.Status == 200 && next.Text == "ok GET", $"{name} after {hostile}:\n{next}");
        }
    }

    [Theory]
    [MemberData(nameof(AllFronts))]
    public async Task Utf8HeaderValue_PassedThroughAsUtf8Bytes(string name)
    {
        var front = (await FrontsAsync())[name];
        await using var connection = await RawHttp.ConnectAsync(front.Port);

        var served = await connection.SendAsync("GET", $"{front.Prefix}/utf8", front.Host);

        Assert.True(served.Status == 200, served.ToString());
        Assert.Equal(Utf8Disposition, served.Header("Content-Disposition"));
        Assert.Equal("ok GET", served.Text);
    }

    [Theory]
    [MemberData(nameof(AllFronts))]
    public async Task NoContentWithBody_204WithoutBody_ConnectionStillFramed(string name)
    {
        var front = (await FrontsAsync())[name];
        await using var connection = await RawHttp.ConnectAsync(front.Port);

        var empty = await connection.SendAsync("GET", $"{front.Prefix}/no-content", front.Host);
        var next = await connection.SendAsync("GET", $"{front.Prefix}/good", front.Host);

        Assert.True(empty.Status == 204, empty.ToString());
        Assert.Equal("yes", empty.Header("X-Kept"));
        Assert.True(next.Status == 200 && next.Text == "ok GET", next.ToString());
    }

    [Theory]
    [InlineData("url")]
    [InlineData("http")]
    [InlineData("http1")]
    [InlineData("rest")]
    public async Task BigHeaderWithinApiGatewayLimits_Served(string name)
    {
        var front = (await FrontsAsync())[name];
        await using var connection = await RawHttp.ConnectAsync(front.Port);

        var served = await connection.SendAsync("GET", $"{front.Prefix}/big-header", front.Host);

        Assert.True(served.Status == 200, served.StatusLine);
        Assert.Equal(40000, served.Header("X-Big")?.Length);
    }

    /// <summary>
    /// API Gateway and function URLs hand any method to a catch-all route (<c>$default</c>, <c>ANY</c>, the URL) as it
    /// was sent; the ALB refuses TRACE (405), CONNECT (400) and methods over 127 characters (405) and forwards the
    /// rest. A CONNECT names no path, so no API or URL has anything to forward.
    /// </summary>
    [Theory]
    [InlineData("url", "TRACE", 200)]
    [InlineData("url", "PROPFIND", 200)]
    [InlineData("url", "get", 200)]
    [InlineData("url", "LONG", 200)]
    [InlineData("http", "TRACE", 200)]
    [InlineData("http", "PROPFIND", 200)]
    [InlineData("http", "get", 200)]
    [InlineData("http1", "TRACE", 200)]
    [InlineData("rest", "TRACE", 200)]
    [InlineData("rest", "PROPFIND", 200)]
    [InlineData("rest", "get", 200)]
    [InlineData("alb", "TRACE", 405)]
    [InlineData("alb", "LONG", 405)]
    [InlineData("alb", "PROPFIND", 200)]
    [InlineData("alb", "get", 200)]
    public async Task UnusualMethod_ForwardedOrRefusedAsTheServiceDoes(string name, string method, int status)
    {
        var front = (await FrontsAsync())[name];
        var sent = method == "LONG" ? new string('M', 200) : method;
        await using var connection = await RawHttp.ConnectAsync(front.Port);

        var answer = await connection.SendAsync(sent, $"{front.Prefix}/anything", front.Host);
        var next = await connection.SendAsync("GET", $"{front.Prefix}/good", front.Host);

        Assert.True(answer.Status == status, $"{name} {method}:\n{answer}");
        if (status == 200)
        {
            Assert.Equal($"ok {sent}", answer.Text);
        }
        else
        {
            Assert.Contains("405 Method Not Allowed", answer.Text, StringComparison.Ordinal);
            Assert.Equal("awselb/2.0", answer.Header("Server"));
        }
        Assert.True(next.Status == 200 && next.Text == "ok GET", next.ToString());
    }

    [Theory]
    [InlineData("url", 404, """{"Message":null}""")]
    [InlineData("http", 404, """{"message":"Not Found"}""")]
    [InlineData("http1", 404, """{"message":"Not Found"}""")]
    [InlineData("rest", 403, """{"message":"Missing Authentication Token"}""")]
    [InlineData("alb", 400, "400 Bad Request")]
    public async Task Connect_NothingForwarded_FrontStillServes(string name, int status, string body)
    {
        var front = (await FrontsAsync())[name];
        var records = (await FrontsRecordsAsync()).Records;
        var runs = EchoFunctions.Runs(records);

        var tunnel = await RawHttp.OnceAsync(front.Port, "CONNECT", front.Host, front.Host);
        var origin = await RawHttp.OnceAsync(front.Port, "CONNECT", $"{front.Prefix}/anything", front.Host);
        var asterisk = await RawHttp.OnceAsync(front.Port, "OPTIONS", "*", front.Host);

        foreach (var answer in new[] { tunnel, origin })
        {
            Assert.True(answer.Status == status, $"{name}:\n{answer}");
            Assert.Contains(body, answer.Text, StringComparison.Ordinal);
        }
        Assert.True(asterisk.Status == status, $"{name} OPTIONS *:\n{asterisk}");
        Assert.Equal(runs, EchoFunctions.Runs(records));
        var next = await RawHttp.OnceAsync(front.Port, "GET", $"{front.Prefix}/good", front.Host);
        Assert.True(next.Status == 200 && next.Text == "ok GET", next.ToString());
    }

    /// <summary>A chunk size that is not hex is the client's broken framing: a 400 from every front, never a 500.</summary>
    [Theory]
    [MemberData(nameof(AllFronts))]
    public async Task BrokenChunkedBody_400_FrontStillServes(string name)
    {
        var front = (await FrontsAsync())[name];

        await using (var connection = await RawHttp.ConnectAsync(front.Port))
        {
            var answer = await connection.SendRawAsync(
                $"POST {front.Prefix}/good HTTP/1.1\r\nHost: {front.Host}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", "POST");
            Assert.True(answer.Status == 400, $"{name}:\n{answer}");
        }
        var next = await RawHttp.OnceAsync(front.Port, "GET", $"{front.Prefix}/good", front.Host);
        Assert.True(next.Status == 200 && next.Text == "ok GET", next.ToString());
        Assert.DoesNotContain("An unhandled exception was thrown by the application", fixture.Server.Output, StringComparison.Ordinal);
    }

    private async Task<Fronts> FrontsAsync() => (await FrontsRecordsAsync()).Fronts;

    private static readonly ConcurrentDictionary<ServerFixture, Lazy<Task<(Fronts Fronts, string Records)>>> Created = new();

    private Task<(Fronts Fronts, string Records)> FrontsRecordsAsync() =>
        Created.GetOrAdd(fixture, _ => new Lazy<Task<(Fronts, string)>>(CreateFrontsAsync)).Value;

    /// <summary>One function behind all four fronts, each made through the CLI and allowed to invoke it.</summary>
    private async Task<(Fronts, string)> CreateFrontsAsync()
    {
        var aws = fixture.Lambda.Aws;
        var port = fixture.Server.Port;
        var (records, configuration) = await EchoFunctions.CreateAsync(fixture, "hostile", Hostile);
        var functionArn = configuration.GetProperty("FunctionArn").GetString()!;

        var url = (await aws.SucceedAsync("lambda", "create-function-url-config", "--function-name", "hostile", "--auth-type", "NONE")).Json
            .GetProperty("FunctionUrl").GetString()!;
        var urlHost = new Uri(url).Authority;

        var httpApi = (await aws.SucceedAsync("apigatewayv2", "create-api", "--name", "hostile", "--protocol-type", "HTTP", "--target", functionArn)).Json
            .GetProperty("ApiId").GetString()!;
        await aws.SucceedAsync("lambda", "add-permission", "--function-name", "hostile", "--statement-id", "http-api", "--action", "lambda:InvokeFunction",
            "--principal", "apigateway.amazonaws.com", "--source-arn", $"arn:aws:execute-api:us-east-1:{Account}:{httpApi}/*");

        var http1Api = await CreateHttpApiV1Async(functionArn);
        var restApi = await CreateRestApiAsync(functionArn);

        var tg = (await aws.SucceedAsync("elbv2", "create-target-group", "--name", "hostile-tg", "--target-type", "lambda")).Json
            .GetProperty("TargetGroups")[0].GetProperty("TargetGroupArn").GetString()!;
        await aws.SucceedAsync("lambda", "add-permission", "--function-name", "hostile", "--statement-id", "alb", "--action", "lambda:InvokeFunction",
            "--principal", "elasticloadbalancing.amazonaws.com", "--source-arn", tg);
        await aws.SucceedAsync("elbv2", "register-targets", "--target-group-arn", tg, "--targets", $"Id={functionArn}");
        var lb = (await aws.SucceedAsync("elbv2", "create-load-balancer", "--name", "hostile-lb", "--subnets", "subnet-aaaa1111", "subnet-bbbb2222")).Json
            .GetProperty("LoadBalancers")[0].GetProperty("LoadBalancerArn").GetString()!;
        var albPort = FreePort();
        await aws.SucceedAsync("elbv2", "create-listener", "--load-balancer-arn", lb, "--protocol", "HTTP", "--port", $"{albPort}",
            "--default-actions", $"Type=forward,TargetGroupArn={tg}");

        var fronts = new Fronts(
            new Front("url", port, urlHost, "", 502, "Internal Server Error"),
            new Front("http", port, $"{httpApi}.execute-api.localhost:{port}", "", 500, """{"message":"Internal Server Error"}"""),
            new Front("http1", port, $"{http1Api}.execute-api.localhost:{port}", "", 500, """{"message":"Internal Server Error"}"""),
            new Front("rest", port, $"{restApi}.execute-api.localhost:{port}", "/dev", 502, """{"message": "Internal server error"}"""),
            new Front("alb", albPort, $"127.0.0.1:{albPort}", "", 502, "502 Bad Gateway"));
        return (fronts, records);
    }

    /// <summary>An HTTP API whose <c>$default</c> route has a payload 1.0 integration to the function; returns its id.</summary>
    private async Task<string> CreateHttpApiV1Async(string functionArn)
    {
        var aws = fixture.Lambda.Aws;
        var apiId = (await aws.SucceedAsync("apigatewayv2", "create-api", "--name", "hostile-v1", "--protocol-type", "HTTP")).Json.GetProperty("ApiId").GetString()!;
        var integration = (await aws.SucceedAsync("apigatewayv2", "create-integration", "--api-id", apiId, "--integration-type", "AWS_PROXY",
            "--integration-uri", functionArn, "--payload-format-version", "1.0")).Json.GetProperty("IntegrationId").GetString()!;
        await aws.SucceedAsync("apigatewayv2", "create-route", "--api-id", apiId, "--route-key", "$default", "--target", $"integrations/{integration}");
        await aws.SucceedAsync("apigatewayv2", "create-stage", "--api-id", apiId, "--stage-name", "$default", "--auto-deploy");
        await aws.SucceedAsync("lambda", "add-permission", "--function-name", "hostile", "--statement-id", "http-api-v1", "--action", "lambda:InvokeFunction",
            "--principal", "apigateway.amazonaws.com", "--source-arn", $"arn:aws:execute-api:us-east-1:{Account}:{apiId}/*");
        return apiId;
    }

    /// <summary>A REST API with <c>ANY /{proxy+}</c> to the function, deployed to stage <c>dev</c>; returns its id.</summary>
    private async Task<string> CreateRestApiAsync(string functionArn)
    {
        var aws = fixture.Lambda.Aws;
        var apiId = (await aws.SucceedAsync("apigateway", "create-rest-api", "--name", "hostile")).Json.GetProperty("id").GetString()!;
        var root = (await aws.SucceedAsync("apigateway", "get-resources", "--rest-api-id", apiId)).Json.GetProperty("items")[0].GetProperty("id").GetString()!;
        var proxy = (await aws.SucceedAsync("apigateway", "create-resource", "--rest-api-id", apiId, "--parent-id", root, "--path-part", "{proxy+}")).Json
            .GetProperty("id").GetString()!;
        await aws.SucceedAsync("apigateway", "put-method", "--rest-api-id", apiId, "--resource-id", proxy, "--http-method", "ANY", "--authorization-type", "NONE");
        await aws.SucceedAsync("apigateway", "put-integration", "--rest-api-id", apiId, "--resource-id", proxy, "--http-method", "ANY",
            "--type", "AWS_PROXY", "--integration-http-method", "POST",
            "--uri", $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{functionArn}/invocations");
        await aws.SucceedAsync("lambda", "add-permission", "--function-name", "hostile", "--statement-id", "rest-api", "--action", "lambda:InvokeFunction",
            "--principal", "apigateway.amazonaws.com", "--source-arn", $"arn:aws:execute-api:us-east-1:{Account}:{apiId}/*/*/*");
        await aws.SucceedAsync("apigateway", "create-deployment", "--rest-api-id", apiId, "--stage-name", "dev");
        return apiId;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
