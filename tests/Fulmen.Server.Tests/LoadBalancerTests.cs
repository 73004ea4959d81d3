using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Load-balancer targets: load balancer, lambda target group, target and listener made with Debian's AWS CLI
/// (<c>elbv2</c>, query protocol), then the listener's port called with curl as a client of an ALB would.
/// </summary>
[Trait("Backend", "Both")]
public sealed class LoadBalancerTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>Marks each run in RECORD_DIR; answers with the event it received, or per path a binary, a failure or a non-response.</summary>
    private static readonly TestFunction AlbEcho = EchoFunctions.Node("""
          const multi = event.multiValueHeaders !== undefined;
          switch (event.path) {
            case '/binary': {
              const received = Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
              return {
                statusCode: 201, statusDescription: '201 Created',
                headers: { 'Content-Type': 'application/octet-stream' },
                body: Buffer.from(received).reverse().toString('base64'), isBase64Encoded: true,
              };
            }
            case '/throw': throw new Error('boom');
            case '/malformed': return 'not a response';
            default:
              return multi
                ? { statusCode: 200, statusDescription: '200 OK', isBase64Encoded: false, body: JSON.stringify(event),
                    multiValueHeaders: { 'Content-Type': ['application/json'], 'Set-Cookie': ['a=1', 'b=2'] } }
                : { statusCode: 200, statusDescription: '200 OK', isBase64Encoded: false, body: JSON.stringify(event),
                    headers: { 'Content-Type': 'application/json', 'X-Answer': 'yes' } };
          }
        """);

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task CliFlow_CreateRegisterListen_CurlGetsAlbEventAndResponse()
    {
        var (tg, port, records) = await CreateWiredAsync("alb-flow");

        var result = await CurlAsync($"http://127.0.0.1:{port}/items/42?a=1&a=2&b=x%20y&flag", "-H", "X-Multi: one", "-H", "X-Multi: two", "-A", "fulmen-test/1.0");

        Assert.True(result.Status == 200, result.ToString());
        Assert.Equal("yes", result.Header("x-answer"));
        var e = result.Json;
        Assert.Equal(tg, e.GetProperty("requestContext").GetProperty("elb").GetProperty("targetGroupArn").GetString());
        Assert.Equal("GET", e.GetProperty("httpMethod").GetString());
        Assert.Equal("/items/42", e.GetProperty("path").GetString());
        Assert.Equal("""{"a":"2","b":"x%20y","flag":""}""", e.GetProperty("queryStringParameters").GetRawText());
        var headers = e.GetProperty("headers");
        Assert.Equal("two", headers.GetProperty("x-multi").GetString());
        Assert.Equal("fulmen-test/1.0", headers.GetProperty("user-agent").GetString());
        Assert.Equal("127.0.0.1", headers.GetProperty("x-forwarded-for").GetString());
        Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), headers.GetProperty("x-forwarded-port").GetString());
        Assert.Equal("http", headers.GetProperty("x-forwarded-proto").GetString());
        Assert.StartsWith("Root=1-", headers.GetProperty("x-amzn-trace-id").GetString(), StringComparison.Ordinal);
        Assert.All(headers.EnumerateObject(), h => Assert.Equal(h.Name.ToLowerInvariant(), h.Name));
        Assert.False(e.TryGetProperty("multiValueHeaders", out _), e.ToString());
        Assert.Equal("", e.GetProperty("body").GetString());
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());

        var posted = await CurlAsync($"http://127.0.0.1:{port}/form", "-H", "Content-Type: application/json", "--data-binary", """{"k":"v"}""");
        Assert.True(posted.Status == 200, posted.ToString());
        Assert.Equal("""{"k":"v"}""", posted.Json.GetProperty("body").GetString());
        Assert.Equal("POST", posted.Json.GetProperty("httpMethod").GetString());

        await RecordedEvents.SaveAndValidateAsync("AlbSchema", records, [result, posted]);
        Assert.Equal(2, EchoFunctions.Runs(records));
    }

    [Fact]
    public async Task MultiValueHeadersAttribute_RepeatedKeysAndHeaders_AllValuesBothWays()
    {
        var (tg, port, records) = await CreateWiredAsync("alb-multi");
        var modified = (await Aws.SucceedAsync("elbv2", "modify-target-group-attributes", "--target-group-arn", tg,
            "--attributes", "Key=lambda.multi_value_headers.enabled,Value=true")).Json;
        Assert.Contains(modified.GetProperty("Attributes").EnumerateArray(),
            a => a.GetProperty("Key").GetString() == "lambda.multi_value_headers.enabled" && a.GetProperty("Value").GetString() == "true");
        var described = (await Aws.SucceedAsync("elbv2", "describe-target-group-attributes", "--target-group-arn", tg)).Json;
        Assert.Equal(modified.GetProperty("Attributes").GetRawText(), described.GetProperty("Attributes").GetRawText());

        var result = await CurlAsync($"http://127.0.0.1:{port}/status?filter=cpu&filter=mem&verbose=1", "-H", "X-Debug: a", "-H", "X-Debug: b");
        var bare = await CurlAsync($"http://127.0.0.1:{port}/");

        Assert.True(result.Status == 200, result.ToString());
        Assert.Equal(["a=1", "b=2"], result.All("set-cookie"));
        var e = result.Json;
        Assert.Equal("""{"filter":["cpu","mem"],"verbose":["1"]}""", e.GetProperty("multiValueQueryStringParameters").GetRawText());
        Assert.Equal("""["a","b"]""", e.GetProperty("multiValueHeaders").GetProperty("x-debug").GetRawText());
        Assert.False(e.TryGetProperty("headers", out _), e.ToString());
        Assert.False(e.TryGetProperty("queryStringParameters", out _), e.ToString());
        Assert.Equal("{}", bare.Json.GetProperty("multiValueQueryStringParameters").GetRawText());
        await RecordedEvents.SaveAndValidateAsync("AlbMultiValueHeadersSchema", records, [result, bare]);
    }

    [Fact]
    public async Task BinaryBodyAndAnswer_Base64BothWays()
    {
        var (_, port, records) = await CreateWiredAsync("alb-binary");
        byte[] sent = [0, 1, 2, 200, 255, 10];
        var file = Path.Combine(records, "sent.bin");
        await File.WriteAllBytesAsync(file, sent);

        var result = await CurlAsync($"http://127.0.0.1:{port}/binary", "-H", "Content-Type: application/octet-stream", "--data-binary", $"@{file}");

        Assert.True(result.Status == 201, result.ToString());
        Assert.Equal([.. sent.Reverse()], result.Body);
        Assert.Equal("application/octet-stream", result.Header("content-type"));
    }

    [Fact]
    public async Task FunctionFailsOrAnswersNoResponse_502BadGatewayPage()
    {
        var (_, port, records) = await CreateWiredAsync("alb-fail");

        var thrown = await CurlAsync($"http://127.0.0.1:{port}/throw");
        var malformed = await CurlAsync($"http://127.0.0.1:{port}/malformed");

        foreach (var result in new[] { thrown, malformed })
        {
            Assert.True(result.Status == 502, result.ToString());
            Assert.Contains("<html>", result.Text, StringComparison.Ordinal);
            Assert.Contains("502 Bad Gateway", result.Text, StringComparison.Ordinal);
            Assert.StartsWith("text/html", result.Header("content-type"), StringComparison.Ordinal);
        }
        Assert.Equal(2, EchoFunctions.Runs(records));
    }

    [Fact]
    public async Task RegisterTargets_WithoutPermission_AccessDeniedThenPermissionRemoved502WithoutRunning()
    {
        var (fn, records) = await CreateFunctionAsync("alb-noperm");
        var tg = await CreateTargetGroupAsync("alb-noperm-tg");

        var refused = await Aws.RunAsync("elbv2", "register-targets", "--target-group-arn", tg, "--targets", $"Id={fn}");
        LambdaCli.AssertServiceError(refused, "AccessDenied", "RegisterTargets",
            $"elasticloadbalancing principal does not have permission to invoke {fn} from target group {tg}");

        // Permission for another target group does not count either.
        await Aws.SucceedAsync("lambda", "add-permission", "--function-name", "alb-noperm", "--statement-id", "other",
            "--action", "lambda:InvokeFunction", "--principal", "elasticloadbalancing.amazonaws.com",
            "--source-arn", "arn:aws:elasticloadbalancing:us-east-1:000000000000:targetgroup/other/0123456789abcdef");
        LambdaCli.AssertServiceError(await Aws.RunAsync("elbv2", "register-targets", "--target-group-arn", tg, "--targets", $"Id={fn}"),
            "AccessDenied", "RegisterTargets", "elasticloadbalancing principal does not have permission");

        await AllowAsync("alb-noperm", tg);
        await Aws.SucceedAsync("elbv2", "register-targets", "--target-group-arn", tg, "--targets", $"Id={fn}");
        var port = await CreateListenerAsync("alb-noperm-lb", tg);
        await Aws.SucceedAsync("lambda", "remove-permission", "--function-name", "alb-noperm", "--statement-id", "alb");

        var result = await CurlAsync($"http://127.0.0.1:{port}/");

        Assert.True(result.Status == 502, result.ToString());
        Assert.Contains("502 Bad Gateway", result.Text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(records, "ran-*"));
    }

    [Fact]
    public async Task DescribeAndDelete_ShapesAndPortClosed()
    {
        var (tg, port, _) = await CreateWiredAsync("alb-describe");
        var lb = (await Aws.SucceedAsync("elbv2", "describe-load-balancers", "--names", "alb-describe-lb")).Json.GetProperty("LoadBalancers")[0];
        Assert.Matches(@"^arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/alb-describe-lb/[0-9a-f]{16}$", lb.GetProperty("LoadBalancerArn").GetString());
        Assert.Matches(@"^alb-describe-lb-\d+\.us-east-1\.elb\.localhost$", lb.GetProperty("DNSName").GetString());
        Assert.Equal("active", lb.GetProperty("State").GetProperty("Code").GetString());
        Assert.Equal(["subnet-aaaa1111", "subnet-bbbb2222"], lb.GetProperty("AvailabilityZones").EnumerateArray().Select(z => z.GetProperty("SubnetId").GetString()));
        var lbArn = lb.GetProperty("LoadBalancerArn").GetString()!;

        var group = (await Aws.SucceedAsync("elbv2", "describe-target-groups", "--target-group-arns", tg)).Json.GetProperty("TargetGroups")[0];
        Assert.Equal("lambda", group.GetProperty("TargetType").GetString());
        Assert.Equal(lbArn, group.GetProperty("LoadBalancerArns")[0].GetString());
        var health = (await Aws.SucceedAsync("elbv2", "describe-target-health", "--target-group-arn", tg)).Json;
        Assert.EndsWith(":function:alb-describe", health.GetProperty("TargetHealthDescriptions")[0].GetProperty("Target").GetProperty("Id").GetString(), StringComparison.Ordinal);

        var listener = (await Aws.SucceedAsync("elbv2", "describe-listeners", "--load-balancer-arn", lbArn)).Json.GetProperty("Listeners")[0];
        Assert.Equal(port, listener.GetProperty("Port").GetInt32());
        Assert.StartsWith(lbArn.Replace(":loadbalancer/", ":listener/", StringComparison.Ordinal) + "/", listener.GetProperty("ListenerArn").GetString(), StringComparison.Ordinal);
        Assert.Equal(tg, listener.GetProperty("DefaultActions")[0].GetProperty("TargetGroupArn").GetString());

        LambdaCli.AssertServiceError(await Aws.RunAsync("elbv2", "delete-target-group", "--target-group-arn", tg), "ResourceInUse", "DeleteTargetGroup", "Target group");
        await Aws.SucceedAsync("elbv2", "delete-listener", "--listener-arn", listener.GetProperty("ListenerArn").GetString()!);
        await Assert.ThrowsAsync<InvalidOperationException>(() => CurlAsync($"http://127.0.0.1:{port}/"));
        await Aws.SucceedAsync("elbv2", "delete-target-group", "--target-group-arn", tg);
        await Aws.SucceedAsync("elbv2", "delete-load-balancer", "--load-balancer-arn", lbArn);
        Assert.DoesNotContain((await Aws.SucceedAsync("elbv2", "describe-load-balancers")).Json.GetProperty("LoadBalancers").EnumerateArray(),
            l => l.GetProperty("LoadBalancerName").GetString() == "alb-describe-lb");
    }

    [Fact]
    public async Task CreateListener_PortInUse_ClearError()
    {
        var tg = await CreateTargetGroupAsync("alb-busy-tg");
        var lb = await CreateLoadBalancerAsync("alb-busy-lb");
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var result = await Aws.RunAsync("elbv2", "create-listener", "--load-balancer-arn", lb, "--protocol", "HTTP", "--port", $"{port}",
            "--default-actions", $"Type=forward,TargetGroupArn={tg}");

        LambdaCli.AssertServiceError(result, "InvalidConfigurationRequest", "CreateListener", $"Port {port} on 127.0.0.1 is not available for a listener");
    }

    [Fact]
    public async Task Restart_StoredListener_ServesAgainOnItsPort()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        var records = Directory.CreateDirectory(Path.Combine(server.DataDirectory, "records-alb-restart")).FullName;
        var (_, configuration) = await lambda.CreateAsync("alb-restart", AlbEcho, "--environment", JsonSerializer.Serialize(new { Variables = new { RECORD_DIR = records } }));
        var tg = (await lambda.Aws.SucceedAsync("elbv2", "create-target-group", "--name", "alb-restart-tg", "--target-type", "lambda")).Json
            .GetProperty("TargetGroups")[0].GetProperty("TargetGroupArn").GetString()!;
        await lambda.Aws.SucceedAsync("lambda", "add-permission", "--function-name", "alb-restart", "--statement-id", "alb", "--action", "lambda:InvokeFunction",
            "--principal", "elasticloadbalancing.amazonaws.com", "--source-arn", tg);
        await lambda.Aws.SucceedAsync("elbv2", "register-targets", "--target-group-arn", tg, "--targets", $"Id={configuration.GetProperty("FunctionArn").GetString()}");
        var lb = (await lambda.Aws.SucceedAsync("elbv2", "create-load-balancer", "--name", "alb-restart-lb", "--subnets", "subnet-1")).Json
            .GetProperty("LoadBalancers")[0].GetProperty("LoadBalancerArn").GetString()!;
        var port = FreePort();
        await lambda.Aws.SucceedAsync("elbv2", "create-listener", "--load-balancer-arn", lb, "--protocol", "HTTP", "--port", $"{port}",
            "--default-actions", $"Type=forward,TargetGroupArn={tg}");

        await server.StopAsync();
        await server.RestartAsync();
        var result = await Curl.AtAsync(server, $"http://127.0.0.1:{port}/after-restart");

        Assert.True(result.Status == 200, result.ToString());
        Assert.Equal("/after-restart", result.Json.GetProperty("path").GetString());
    }

    private async Task<(string Arn, string Records)> CreateFunctionAsync(string name)
    {
        var (records, configuration) = await EchoFunctions.CreateAsync(fixture, name, AlbEcho);
        return (configuration.GetProperty("FunctionArn").GetString()!, records);
    }

    private async Task<string> CreateTargetGroupAsync(string name) =>
        (await Aws.SucceedAsync("elbv2", "create-target-group", "--name", name, "--target-type", "lambda")).Json.GetProperty("TargetGroups")[0].GetProperty("TargetGroupArn").GetString()!;

    private async Task<string> CreateLoadBalancerAsync(string name) =>
        (await Aws.SucceedAsync("elbv2", "create-load-balancer", "--name", name, "--subnets", "subnet-aaaa1111", "subnet-bbbb2222"))
            .Json.GetProperty("LoadBalancers")[0].GetProperty("LoadBalancerArn").GetString()!;

    private Task AllowAsync(string function, string targetGroupArn) =>
        Aws.SucceedAsync("lambda", "add-permission", "--function-name", function, "--statement-id", "alb", "--action", "lambda:InvokeFunction",
            "--principal", "elasticloadbalancing.amazonaws.com", "--source-arn", targetGroupArn);

    /// <summary>A listener on a free port of the bind host, forwarding to <paramref name="targetGroupArn"/>; returns the port.</summary>
    private async Task<int> CreateListenerAsync(string loadBalancerName, string targetGroupArn)
    {
        var lb = await CreateLoadBalancerAsync(loadBalancerName);
        var port = FreePort();
        var listener = (await Aws.SucceedAsync("elbv2", "create-listener", "--load-balancer-arn", lb, "--protocol", "HTTP", "--port", $"{port}",
            "--default-actions", $"Type=forward,TargetGroupArn={targetGroupArn}")).Json;
        Assert.Equal(port, listener.GetProperty("Listeners")[0].GetProperty("Port").GetInt32());
        return port;
    }

    /// <summary>Function, permission, target group, registered target, load balancer and listener, all through the CLI.</summary>
    private async Task<(string TargetGroup, int Port, string Records)> CreateWiredAsync(string name)
    {
        var (fn, records) = await CreateFunctionAsync(name);
        var tg = await CreateTargetGroupAsync($"{name}-tg");
        await AllowAsync(name, tg);
        await Aws.SucceedAsync("elbv2", "register-targets", "--target-group-arn", tg, "--targets", $"Id={fn}");
        var port = await CreateListenerAsync($"{name}-lb", tg);
        return (tg, port, records);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task<Curl.Result> CurlAsync(string url, params string[] arguments) => Curl.AtAsync(fixture.Server, url, arguments);
}
