using System.Text.Json;
using System.Text.RegularExpressions;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// HTTP APIs (API Gateway v2): APIs, integrations, routes and stages created with Debian's AWS CLI, then called with
/// curl at the ApiEndpoint GetApi returns and at the path form, as API Gateway's front does it.
/// </summary>
[Trait("Backend", "Both")]
public sealed partial class HttpApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Account = "000000000000";
    private const string Arn = $"arn:aws:lambda:us-east-1:{Account}:function";

    /// <summary>Marks each run in RECORD_DIR; answers with the event it received, or per path a binary, a bare value or a bad shape.</summary>
    private static readonly TestFunction Echo = EchoFunctions.Node("""
          const p = event.rawPath ?? event.path;
          if (p.endsWith('/binary')) {
            const received = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
            return {
              statusCode: 201,
              headers: { 'Content-Type': 'application/octet-stream', 'X-Custom': 'yes' },
              cookies: ['a=1; Max-Age=60', 'b=2'],
              body: Buffer.from(received).reverse().toString('base64'),
              isBase64Encoded: true,
            };
          }
          if (p.endsWith('/simple')) return { simple: event.rawQueryString };
          if (p.endsWith('/bad-shape')) return { statusCode: 'not a number', body: 'x' };
          if (p.endsWith('/throw')) throw new Error('boom');
          return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) };
        """);

    private AwsCli Aws => fixture.Lambda.Aws;

    [GeneratedRegex(@"^http://([a-z0-9]{10})\.execute-api\.localhost:(\d+)$")]
    private static partial Regex EndpointPattern();

    [Fact]
    public async Task QuickCreate_NoPermissionRefusedThenGranted_DefaultRouteServesEverything()
    {
        var records = await CreateFunctionAsync("httpapi-quick");

        var created = (await Aws.SucceedAsync("apigatewayv2", "create-api", "--name", "quick", "--protocol-type", "HTTP", "--target", $"{Arn}:httpapi-quick")).Json;
        var endpoint = created.GetProperty("ApiEndpoint").GetString()!;
        var match = EndpointPattern().Match(endpoint);
        Assert.True(match.Success, created.ToString());
        var apiId = created.GetProperty("ApiId").GetString()!;
        Assert.Equal(match.Groups[1].Value, apiId);
        Assert.Equal("HTTP", created.GetProperty("ProtocolType").GetString());
        Assert.Equal("$request.method $request.path", created.GetProperty("RouteSelectionExpression").GetString());

        var routes = (await Aws.SucceedAsync("apigatewayv2", "get-routes", "--api-id", apiId)).Json.GetProperty("Items");
        var route = Assert.Single(routes.EnumerateArray());
        Assert.Equal("$default", route.GetProperty("RouteKey").GetString());
        var integrations = (await Aws.SucceedAsync("apigatewayv2", "get-integrations", "--api-id", apiId)).Json.GetProperty("Items");
        var integration = Assert.Single(integrations.EnumerateArray());
        Assert.Equal("AWS_PROXY", integration.GetProperty("IntegrationType").GetString());
        Assert.Equal("2.0", integration.GetProperty("PayloadFormatVersion").GetString());
        Assert.Equal($"integrations/{integration.GetProperty("IntegrationId").GetString()}", route.GetProperty("Target").GetString());
        var stage = Assert.Single((await Aws.SucceedAsync("apigatewayv2", "get-stages", "--api-id", apiId)).Json.GetProperty("Items").EnumerateArray());
        Assert.Equal("$default", stage.GetProperty("StageName").GetString());
        Assert.True(stage.GetProperty("AutoDeploy").GetBoolean());

        // Quick create grants nothing on the function, as on AWS: refused, and the function did not run.
        var refused = await CurlAsync($"{endpoint}/anything");
        Assert.True(refused.Status == 500, refused.ToString());
        Assert.Equal("""{"message":"Internal Server Error"}""", refused.Text);
        Assert.Empty(Directory.GetFiles(records, "ran-*"));

        await GrantAsync("httpapi-quick", apiId);
        var served = await CurlAsync($"{endpoint}/any/path?x=1");
        Assert.True(served.Status == 200, served.ToString());
        Assert.Equal("$default", served.Json.GetProperty("routeKey").GetString());
        Assert.Equal("/any/path", served.Json.GetProperty("rawPath").GetString());
        Assert.Equal("$default", served.Json.GetProperty("requestContext").GetProperty("stage").GetString());
        Assert.NotNull(served.Header("apigw-requestid"));

        var got = (await Aws.SucceedAsync("apigatewayv2", "get-api", "--api-id", apiId)).Json;
        Assert.Equal(endpoint, got.GetProperty("ApiEndpoint").GetString());
        var listed = (await Aws.SucceedAsync("apigatewayv2", "get-apis")).Json.GetProperty("Items");
        Assert.Contains(listed.EnumerateArray(), api => api.GetProperty("ApiId").GetString() == apiId);

        await Aws.SucceedAsync("apigatewayv2", "delete-api", "--api-id", apiId);
        LambdaCli.AssertServiceError(await Aws.RunAsync("apigatewayv2", "get-api", "--api-id", apiId), "NotFoundException", "GetApi", "Invalid API identifier specified");
        var gone = await CurlAsync($"{endpoint}/anything");
        Assert.True(gone.Status == 404, gone.ToString());
    }

    [Fact]
    public async Task ExplicitRoutes_PathParametersRepeatedQueryCookies_MostSpecificRouteWins()
    {
        var (apiId, endpoint, _) = await CreateExplicitApiAsync("httpapi-routes");

        var items = await CurlAsync($"{endpoint}/items/sku%2020?color=red&color=green&size=m", "-b", "sessionId=9f8e; locale=en-GB",
            "-H", "X-Custom: one", "-H", "X-Custom: two", "-A", "fulmen-test/1.0");
        Assert.True(items.Status == 200, items.ToString());
        var e = items.Json;
        Assert.Equal("2.0", e.GetProperty("version").GetString());
        Assert.Equal("GET /items/{id}", e.GetProperty("routeKey").GetString());
        Assert.Equal("/items/sku%2020", e.GetProperty("rawPath").GetString());
        Assert.Equal("color=red&color=green&size=m", e.GetProperty("rawQueryString").GetString());
        Assert.Equal("""{"color":"red,green","size":"m"}""", e.GetProperty("queryStringParameters").GetRawText());
        Assert.Equal("""{"id":"sku 20"}""", e.GetProperty("pathParameters").GetRawText());
        Assert.Equal("""["sessionId=9f8e","locale=en-GB"]""", e.GetProperty("cookies").GetRawText());
        var headers = e.GetProperty("headers");
        Assert.Equal("one,two", headers.GetProperty("x-custom").GetString());
        Assert.False(headers.TryGetProperty("cookie", out _), headers.ToString());
        Assert.All(headers.EnumerateObject(), h => Assert.Equal(h.Name.ToLowerInvariant(), h.Name));
        var context = e.GetProperty("requestContext");
        Assert.Equal(Account, context.GetProperty("accountId").GetString());
        Assert.Equal(apiId, context.GetProperty("apiId").GetString());
        Assert.Equal($"{apiId}.execute-api.localhost", context.GetProperty("domainName").GetString());
        Assert.Equal(apiId, context.GetProperty("domainPrefix").GetString());
        Assert.Equal("GET /items/{id}", context.GetProperty("routeKey").GetString());
        Assert.Equal("$default", context.GetProperty("stage").GetString());
        Assert.Equal("GET", context.GetProperty("http").GetProperty("method").GetString());
        Assert.Equal("fulmen-test/1.0", context.GetProperty("http").GetProperty("userAgent").GetString());
        Assert.Equal(items.Header("apigw-requestid"), context.GetProperty("requestId").GetString());
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", context.GetProperty("time").GetString());

        // POST is not GET: the greedy route takes it; a static segment beats the variable.
        var posted = await CurlAsync($"{endpoint}/items/7", "-X", "POST");
        Assert.Equal("ANY /{proxy+}", posted.Json.GetProperty("routeKey").GetString());
        Assert.Equal("""{"proxy":"items/7"}""", posted.Json.GetProperty("pathParameters").GetRawText());
        var special = await CurlAsync($"{endpoint}/items/special");
        Assert.Equal("GET /items/special", special.Json.GetProperty("routeKey").GetString());
        var deep = await CurlAsync($"{endpoint}/a/b/c");
        Assert.Equal("""{"proxy":"a/b/c"}""", deep.Json.GetProperty("pathParameters").GetRawText());

        // Nothing matches "/" (no $default route): API Gateway's 404.
        var root = await CurlAsync($"{endpoint}/");
        Assert.True(root.Status == 404, root.ToString());
        Assert.Equal("""{"message":"Not Found"}""", root.Text);

        // The path form, and a named stage by its first segment.
        var byPath = await CurlAsync($"{fixture.Server.Endpoint}/_aws/execute-api/{apiId}/items/9");
        Assert.True(byPath.Status == 200, byPath.ToString());
        Assert.Equal("""{"id":"9"}""", byPath.Json.GetProperty("pathParameters").GetRawText());
        await Aws.SucceedAsync("apigatewayv2", "create-stage", "--api-id", apiId, "--stage-name", "prod", "--auto-deploy");
        var staged = await CurlAsync($"{endpoint}/prod/items/3");
        Assert.True(staged.Status == 200, staged.ToString());
        Assert.Equal("prod", staged.Json.GetProperty("requestContext").GetProperty("stage").GetString());
        Assert.Equal("/prod/items/3", staged.Json.GetProperty("rawPath").GetString());
        Assert.Equal("""{"id":"3"}""", staged.Json.GetProperty("pathParameters").GetRawText());
    }

    [Fact]
    public async Task Responses_BinaryBothWaysSimplifiedAndBadShape_AsHttpApisAnswer()
    {
        var (_, endpoint, records) = await CreateExplicitApiAsync("httpapi-responses");
        byte[] sent = [0, 1, 2, 200, 255, 10];
        var file = Path.Combine(records, "sent.bin");
        await File.WriteAllBytesAsync(file, sent);

        var binary = await CurlAsync($"{endpoint}/up/binary", "-H", "Content-Type: application/octet-stream", "--data-binary", $"@{file}");
        Assert.True(binary.Status == 201, binary.ToString());
        Assert.Equal([.. sent.Reverse()], binary.Body);
        Assert.Equal("application/octet-stream", binary.Header("content-type"));
        Assert.Equal("yes", binary.Header("x-custom"));
        Assert.Equal(["a=1; Max-Age=60", "b=2"], binary.All("set-cookie"));

        var simple = await CurlAsync($"{endpoint}/x/simple?q=1");
        Assert.True(simple.Status == 200, simple.ToString());
        Assert.StartsWith("application/json", simple.Header("content-type"), StringComparison.Ordinal);
        Assert.Equal("""{"simple":"q=1"}""", simple.Text);

        var runs = EchoFunctions.Runs(records);
        var bad = await CurlAsync($"{endpoint}/x/bad-shape");
        Assert.True(bad.Status == 500, bad.ToString());
        Assert.Equal("""{"message":"Internal Server Error"}""", bad.Text);
        var thrown = await CurlAsync($"{endpoint}/x/throw");
        Assert.True(thrown.Status == 500, thrown.ToString());
        Assert.Equal("""{"message":"Internal Server Error"}""", thrown.Text);
        Assert.Equal(runs + 2, EchoFunctions.Runs(records));
    }

    [Fact]
    public async Task RouteWithoutPermission_500AndFunctionNotRun()
    {
        var records = await CreateFunctionAsync("httpapi-denied");
        var apiId = (await Aws.SucceedAsync("apigatewayv2", "create-api", "--name", "denied", "--protocol-type", "HTTP")).Json.GetProperty("ApiId").GetString()!;
        var integrationId = await CreateIntegrationAsync(apiId, "httpapi-denied", "2.0");
        await Aws.SucceedAsync("apigatewayv2", "create-route", "--api-id", apiId, "--route-key", "GET /open", "--target", $"integrations/{integrationId}");
        await Aws.SucceedAsync("apigatewayv2", "create-route", "--api-id", apiId, "--route-key", "GET /closed", "--target", $"integrations/{integrationId}");
        await Aws.SucceedAsync("apigatewayv2", "create-stage", "--api-id", apiId, "--stage-name", "$default", "--auto-deploy");
        // Only GET /open is granted, by the route's own source ARN.
        await Aws.SucceedAsync("lambda", "add-permission", "--function-name", "httpapi-denied", "--statement-id", "open",
            "--action", "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com",
            "--source-arn", $"arn:aws:execute-api:us-east-1:{Account}:{apiId}/*/GET/open");
        var endpoint = $"http://{apiId}.execute-api.localhost:{fixture.Server.Port}";

        var open = await CurlAsync($"{endpoint}/open");
        Assert.True(open.Status == 200, open.ToString());
        var closed = await CurlAsync($"{endpoint}/closed");
        Assert.True(closed.Status == 500, closed.ToString());
        Assert.Equal("""{"message":"Internal Server Error"}""", closed.Text);
        Assert.Single(Directory.GetFiles(records, "ran-*"));
    }

    [Fact]
    public async Task ControlPlane_UnknownDuplicateAndInvalid_ApiGatewayErrors()
    {
        LambdaCli.AssertServiceError(await Aws.RunAsync("apigatewayv2", "get-api", "--api-id", "abcdefghij"), "NotFoundException", "GetApi", "Invalid API identifier specified");
        var apiId = (await Aws.SucceedAsync("apigatewayv2", "create-api", "--name", "errors", "--protocol-type", "HTTP")).Json.GetProperty("ApiId").GetString()!;
        await Aws.SucceedAsync("apigatewayv2", "create-route", "--api-id", apiId, "--route-key", "GET /a");
        LambdaCli.AssertServiceError(await Aws.RunAsync("apigatewayv2", "create-route", "--api-id", apiId, "--route-key", "GET /a"), "ConflictException", "CreateRoute", "Unable to create route GET /a");
        LambdaCli.AssertServiceError(await Aws.RunAsync("apigatewayv2", "create-route", "--api-id", apiId, "--route-key", "FETCH /a"), "BadRequestException", "CreateRoute", "Unable to create route FETCH /a");
        await Aws.SucceedAsync("apigatewayv2", "create-stage", "--api-id", apiId, "--stage-name", "dev");
        LambdaCli.AssertServiceError(await Aws.RunAsync("apigatewayv2", "create-stage", "--api-id", apiId, "--stage-name", "dev"), "ConflictException", "CreateStage", "Stage dev already exists");
    }

    [Fact]
    public async Task Events_PayloadV2AndV1_ValidateAgainstPowertoolsSchemas()
    {
        var (apiId, endpoint, records) = await CreateExplicitApiAsync("httpapi-schema");
        var v1Integration = await CreateIntegrationAsync(apiId, "httpapi-schema", "1.0");
        await Aws.SucceedAsync("apigatewayv2", "create-route", "--api-id", apiId, "--route-key", "ANY /v1/{id}", "--target", $"integrations/{v1Integration}");
        var binary = Path.Combine(records, "body.bin");
        await File.WriteAllBytesAsync(binary, [0, 255, 1, 254]);

        Curl.Result[] v2 =
        [
            await CurlAsync($"{endpoint}/items/1?x=1&x=2&y=", "-b", "k=v", "-H", "Content-Type: text/plain", "--data-binary", "text", "-X", "GET"),
            await CurlAsync($"{endpoint}/some/echo", "-H", "Content-Type: image/png", "--data-binary", $"@{binary}"),
            await CurlAsync($"{fixture.Server.Endpoint}/_aws/execute-api/{apiId}/items/2"),
        ];
        Curl.Result[] v1 =
        [
            await CurlAsync($"{endpoint}/v1/42?tag=a&tag=b", "-b", "k=v", "-H", "X-Multi: one", "-H", "X-Multi: two", "-H", "Content-Type: application/json", "--data-binary", """{"a":1}"""),
            await CurlAsync($"{endpoint}/v1/43", "-H", "Content-Type: application/octet-stream", "--data-binary", $"@{binary}"),
        ];
        Assert.True(v2[1].Json.GetProperty("isBase64Encoded").GetBoolean(), v2[1].ToString());
        Assert.Equal(Convert.ToBase64String([0, 255, 1, 254]), v2[1].Json.GetProperty("body").GetString());
        var first = v1[0].Json;
        Assert.Equal("1.0", first.GetProperty("version").GetString());
        Assert.Equal("/v1/{id}", first.GetProperty("resource").GetString());
        Assert.Equal("/v1/42", first.GetProperty("path").GetString());
        Assert.Equal("POST", first.GetProperty("httpMethod").GetString());
        Assert.Equal("""{"id":"42"}""", first.GetProperty("pathParameters").GetRawText());
        Assert.Equal("b", first.GetProperty("queryStringParameters").GetProperty("tag").GetString());
        Assert.Equal("""["a","b"]""", first.GetProperty("multiValueQueryStringParameters").GetProperty("tag").GetRawText());
        Assert.Equal("""["one","two"]""", first.GetProperty("multiValueHeaders").GetProperty("X-Multi").GetRawText());
        Assert.Equal("k=v", first.GetProperty("headers").GetProperty("Cookie").GetString());
        Assert.Equal("""{"a":1}""", first.GetProperty("body").GetString());

        await RecordedEvents.SaveAndValidateAsync("APIGatewayProxyEventV2Schema", records, v2);
        await RecordedEvents.SaveAndValidateAsync("APIGatewayProxyEventSchema", records, v1);
    }

    /// <summary>
    /// An API built step by step: one payload 2.0 integration, routes <c>GET /items/{id}</c>, <c>GET /items/special</c>
    /// and <c>ANY /{proxy+}</c>, a <c>$default</c> auto-deploy stage, and the function's permission for the whole API.
    /// </summary>
    private async Task<(string ApiId, string Endpoint, string Records)> CreateExplicitApiAsync(string function)
    {
        var records = await CreateFunctionAsync(function);
        var apiId = (await Aws.SucceedAsync("apigatewayv2", "create-api", "--name", function, "--protocol-type", "HTTP")).Json.GetProperty("ApiId").GetString()!;
        var integrationId = await CreateIntegrationAsync(apiId, function, "2.0");
        foreach (var key in new[] { "GET /items/{id}", "GET /items/special", "ANY /{proxy+}" })
        {
            var route = (await Aws.SucceedAsync("apigatewayv2", "create-route", "--api-id", apiId, "--route-key", key, "--target", $"integrations/{integrationId}")).Json;
            Assert.Equal(key, route.GetProperty("RouteKey").GetString());
        }
        var stage = (await Aws.SucceedAsync("apigatewayv2", "create-stage", "--api-id", apiId, "--stage-name", "$default", "--auto-deploy")).Json;
        Assert.True(stage.GetProperty("AutoDeploy").GetBoolean(), stage.ToString());
        await GrantAsync(function, apiId);
        var endpoint = (await Aws.SucceedAsync("apigatewayv2", "get-api", "--api-id", apiId)).Json.GetProperty("ApiEndpoint").GetString()!;
        return (apiId, endpoint, records);
    }

    private async Task<string> CreateIntegrationAsync(string apiId, string function, string payloadFormatVersion)
    {
        var integration = (await Aws.SucceedAsync("apigatewayv2", "create-integration", "--api-id", apiId, "--integration-type", "AWS_PROXY",
            "--integration-uri", $"{Arn}:{function}", "--payload-format-version", payloadFormatVersion)).Json;
        Assert.Equal(payloadFormatVersion, integration.GetProperty("PayloadFormatVersion").GetString());
        return integration.GetProperty("IntegrationId").GetString()!;
    }

    private Task GrantAsync(string function, string apiId) => Aws.SucceedAsync("lambda", "add-permission", "--function-name", function,
        "--statement-id", $"apigateway-{apiId}", "--action", "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com",
        "--source-arn", $"arn:aws:execute-api:us-east-1:{Account}:{apiId}/*");

    private async Task<string> CreateFunctionAsync(string name) => (await EchoFunctions.CreateAsync(fixture, name, Echo)).Records;

    private Task<Curl.Result> CurlAsync(string url, params string[] arguments) => Curl.AtAsync(fixture.Server, url, arguments);
}
