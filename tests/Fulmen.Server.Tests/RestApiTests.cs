using System.Globalization;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// REST APIs (API Gateway v1): built with Debian's AWS CLI (<c>aws apigateway …</c>), then called with curl at
/// <c>{apiId}.execute-api.localhost</c> and at <c>/_aws/execute-api/{apiId}/…</c>, as API Gateway's Lambda proxy
/// integration does it (payload 1.0 event, response mapping, binary media types, permissions, 502/500 bodies).
/// </summary>
[Trait("Backend", "Both")]
public sealed class RestApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Account = "000000000000";
    private const string InternalError = """{"message": "Internal server error"}""";

    /// <summary>Marks each run in RECORD_DIR; answers with the event it received, or per path a binary, a wrong shape or an error.</summary>
    private static readonly TestFunction RestEcho = EchoFunctions.Node("""
          switch (event.path) {
            case '/binary': {
              const received = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
              return {
                statusCode: 201,
                headers: { 'Content-Type': 'application/octet-stream' },
                multiValueHeaders: { 'Set-Cookie': ['a=1; Max-Age=60', 'b=2'] },
                body: Buffer.from(received).reverse().toString('base64'),
                isBase64Encoded: true,
              };
            }
            case '/bad': return { hello: 'not a proxy response' };
            case '/throw': throw new Error('boom');
            default: return {
              statusCode: 200,
              headers: { 'Content-Type': 'application/json', 'X-Single': 's', 'X-Both': 'from-headers' },
              multiValueHeaders: { 'X-Both': ['m1', 'm2'] },
              body: JSON.stringify(event),
            };
          }
        """);

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task ControlPlane_ResourcesMethodsIntegrationsDeploymentsStages_AwsShapes()
    {
        var api = await SharedApiAsync();

        var resources = (await Aws.SucceedAsync("apigateway", "get-resources", "--rest-api-id", api.Id)).Json.GetProperty("items");
        Assert.Equal(["/", "/items", "/items/{id}", "/{proxy+}"], resources.EnumerateArray().Select(r => r.GetProperty("path").GetString()).Order(StringComparer.Ordinal));
        var item = resources.EnumerateArray().Single(r => r.GetProperty("path").GetString() == "/items/{id}");
        Assert.Equal("{id}", item.GetProperty("pathPart").GetString());
        Assert.True(item.GetProperty("resourceMethods").TryGetProperty("GET", out _), item.ToString());

        var method = (await Aws.SucceedAsync("apigateway", "get-method", "--rest-api-id", api.Id, "--resource-id", item.GetProperty("id").GetString()!, "--http-method", "GET")).Json;
        Assert.Equal("NONE", method.GetProperty("authorizationType").GetString());
        var integration = method.GetProperty("methodIntegration");
        Assert.Equal("AWS_PROXY", integration.GetProperty("type").GetString());
        Assert.Equal("POST", integration.GetProperty("httpMethod").GetString());
        Assert.Equal(IntegrationUri(api.FunctionName), integration.GetProperty("uri").GetString());

        var stages = (await Aws.SucceedAsync("apigateway", "get-stages", "--rest-api-id", api.Id)).Json.GetProperty("item");
        var stage = Assert.Single(stages.EnumerateArray());
        Assert.Equal("dev", stage.GetProperty("stageName").GetString());
        Assert.Equal("v", stage.GetProperty("variables").GetProperty("k").GetString());
        var deployments = (await Aws.SucceedAsync("apigateway", "get-deployments", "--rest-api-id", api.Id)).Json.GetProperty("items");
        Assert.Equal(stage.GetProperty("deploymentId").GetString(), Assert.Single(deployments.EnumerateArray()).GetProperty("id").GetString());

        var second = (await Aws.SucceedAsync("apigateway", "create-stage", "--rest-api-id", api.Id, "--stage-name", "qa",
            "--deployment-id", stage.GetProperty("deploymentId").GetString()!, "--variables", "k=prod")).Json;
        Assert.Equal("qa", second.GetProperty("stageName").GetString());
        var updated = (await Aws.SucceedAsync("apigateway", "update-stage", "--rest-api-id", api.Id, "--stage-name", "qa",
            "--patch-operations", "op=replace,path=/variables/k,value=changed")).Json;
        Assert.Equal("changed", updated.GetProperty("variables").GetProperty("k").GetString());

        LambdaCli.AssertServiceError(await Aws.RunAsync("apigateway", "create-resource", "--rest-api-id", api.Id, "--parent-id", api.RootId, "--path-part", "items"),
            "ConflictException", "CreateResource", "Another resource with the same parent already has this name: items");
        LambdaCli.AssertServiceError(await Aws.RunAsync("apigateway", "get-rest-api", "--rest-api-id", "nosuchapi0"),
            "NotFoundException", "GetRestApi", "Invalid API identifier specified");
        LambdaCli.AssertServiceError(await Aws.RunAsync("apigateway", "get-method", "--rest-api-id", api.Id, "--resource-id", api.RootId, "--http-method", "GET"),
            "NotFoundException", "GetMethod", "Invalid Method identifier specified");

        var listed = (await Aws.SucceedAsync("apigateway", "get-rest-apis")).Json.GetProperty("items");
        Assert.Contains(listed.EnumerateArray(), a => a.GetProperty("id").GetString() == api.Id && a.GetProperty("name").GetString() == api.FunctionName);
    }

    [Fact]
    public async Task HostForm_PathParametersRepeatedQueryStageVariables_EventAsAwsSendsIt()
    {
        var api = await SharedApiAsync();

        var result = await CurlAsync($"{api.HostUrl}/dev/items/42?tag=red&tag=blue&dryRun=false",
            "-H", "X-Multi: one", "-H", "X-Multi: two", "-A", "fulmen-test/1.0");

        Assert.True(result.Status == 200, result.ToString());
        var e = result.Json;
        Assert.Equal("/items/{id}", e.GetProperty("resource").GetString());
        Assert.Equal("/items/42", e.GetProperty("path").GetString());
        Assert.Equal("GET", e.GetProperty("httpMethod").GetString());
        Assert.Equal("""{"id":"42"}""", e.GetProperty("pathParameters").GetRawText());
        Assert.Equal("""{"k":"v"}""", e.GetProperty("stageVariables").GetRawText());
        Assert.Equal("""{"tag":"blue","dryRun":"false"}""", e.GetProperty("queryStringParameters").GetRawText());
        Assert.Equal("""{"tag":["red","blue"],"dryRun":["false"]}""", e.GetProperty("multiValueQueryStringParameters").GetRawText());
        Assert.Equal("two", e.GetProperty("headers").GetProperty("X-Multi").GetString());
        Assert.Equal("""["one","two"]""", e.GetProperty("multiValueHeaders").GetProperty("X-Multi").GetRawText());
        Assert.Equal("fulmen-test/1.0", e.GetProperty("headers").GetProperty("User-Agent").GetString());
        Assert.Equal(JsonValueKind.Null, e.GetProperty("body").ValueKind);
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());

        var context = e.GetProperty("requestContext");
        Assert.Equal(Account, context.GetProperty("accountId").GetString());
        Assert.Equal(api.Id, context.GetProperty("apiId").GetString());
        Assert.Equal("/items/{id}", context.GetProperty("resourcePath").GetString());
        Assert.Equal("/dev/items/42", context.GetProperty("path").GetString());
        Assert.Equal("dev", context.GetProperty("stage").GetString());
        Assert.Equal("GET", context.GetProperty("httpMethod").GetString());
        Assert.Equal("HTTP/1.1", context.GetProperty("protocol").GetString());
        Assert.Equal($"{api.Id}.execute-api.localhost", context.GetProperty("domainName").GetString());
        Assert.Equal(result.Header("x-amzn-RequestId"), context.GetProperty("requestId").GetString());
        Assert.Equal("127.0.0.1", context.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal("fulmen-test/1.0", context.GetProperty("identity").GetProperty("userAgent").GetString());
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", context.GetProperty("requestTime").GetString());

        // headers and multiValueHeaders merged; for a name in both, only the multi values.
        Assert.Equal("s", result.Header("X-Single"));
        Assert.Equal(["m1", "m2"], result.All("X-Both"));
    }

    [Fact]
    public async Task PathForm_GreedyProxyResourceAnyMethod_RestOfPathAsProxyParameter()
    {
        var api = await SharedApiAsync();

        var result = await CurlAsync($"{fixture.Server.Endpoint}/_aws/execute-api/{api.Id}/dev/a/b/c?x=1", "-X", "PUT",
            "-H", "Content-Type: application/json", "--data-binary", """{"n":1}""");

        Assert.True(result.Status == 200, result.ToString());
        var e = result.Json;
        Assert.Equal("/{proxy+}", e.GetProperty("resource").GetString());
        Assert.Equal("/a/b/c", e.GetProperty("path").GetString());
        Assert.Equal("PUT", e.GetProperty("httpMethod").GetString());
        Assert.Equal("a/b/c", e.GetProperty("pathParameters").GetProperty("proxy").GetString());
        Assert.Equal("""{"n":1}""", e.GetProperty("body").GetString());
        Assert.Equal("/dev/a/b/c", e.GetProperty("requestContext").GetProperty("path").GetString());
    }

    [Fact]
    public async Task BinaryMediaType_BinaryBodyAndBinaryAnswer_Base64BothWaysMultiValueSetCookie()
    {
        var api = await SharedApiAsync();
        byte[] sent = [0, 1, 2, 200, 255, 10];
        var file = Path.Combine(api.Records, "sent.bin");
        await File.WriteAllBytesAsync(file, sent);

        var result = await CurlAsync($"{api.HostUrl}/dev/binary", "-H", "Content-Type: application/octet-stream", "--data-binary", $"@{file}");

        Assert.True(result.Status == 201, result.ToString());
        Assert.Equal([.. sent.Reverse()], result.Body);
        Assert.Equal("application/octet-stream", result.Header("content-type"));
        Assert.Equal(["a=1; Max-Age=60", "b=2"], result.All("set-cookie"));
    }

    [Fact]
    public async Task WrongShapeOrFunctionError_502InternalServerError()
    {
        var api = await SharedApiAsync();

        var wrong = await CurlAsync($"{api.HostUrl}/dev/bad");
        Assert.True(wrong.Status == 502, wrong.ToString());
        Assert.Equal(InternalError, wrong.Text);

        var thrown = await CurlAsync($"{api.HostUrl}/dev/throw");
        Assert.True(thrown.Status == 502, thrown.ToString());
        Assert.Equal(InternalError, thrown.Text);
    }

    [Fact]
    public async Task NoRouteOrUnknownStage_403MissingAuthenticationToken()
    {
        var api = await SharedApiAsync();

        foreach (var url in new[] { $"{api.HostUrl}/dev/items", $"{api.HostUrl}/prod/items/1", $"{api.HostUrl}/dev/" })
        {
            var result = await CurlAsync(url);
            Assert.True(result.Status == 403, result.ToString());
            Assert.Equal("""{"message":"Missing Authentication Token"}""", result.Text);
        }
    }

    [Fact]
    public async Task MissingPermission_500AndFunctionDidNotRun()
    {
        var api = await CreateApiAsync("rest-no-permission", grant: false);

        var result = await CurlAsync($"{api.HostUrl}/dev/items/1");

        Assert.True(result.Status == 500, result.ToString());
        Assert.Equal(InternalError, result.Text);
        Assert.Empty(Directory.GetFiles(api.Records, "ran-*"));

        // A permission for another API's ARN does not let this one in either.
        await fixture.Lambda.Aws.SucceedAsync("lambda", "add-permission", "--function-name", api.FunctionName, "--statement-id", "other-api",
            "--action", "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com",
            "--source-arn", $"arn:aws:execute-api:us-east-1:{Account}:otherapi00/*/*/*");
        Assert.Equal(500, (await CurlAsync($"{api.HostUrl}/dev/items/1")).Status);
        Assert.Empty(Directory.GetFiles(api.Records, "ran-*"));

        // The source ARN is {apiId}/{stage}/{METHOD}/{resource path}: a statement naming exactly this method lets it in.
        await fixture.Lambda.Aws.SucceedAsync("lambda", "add-permission", "--function-name", api.FunctionName, "--statement-id", "this-method",
            "--action", "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com", "--source-account", Account,
            "--source-arn", $"arn:aws:execute-api:us-east-1:{Account}:{api.Id}/dev/GET/items/{{id}}");
        var allowed = await CurlAsync($"{api.HostUrl}/dev/items/1");
        Assert.True(allowed.Status == 200, allowed.ToString());
        Assert.Single(Directory.GetFiles(api.Records, "ran-*"));
        Assert.Equal(500, (await CurlAsync($"{api.HostUrl}/dev/other")).Status);
        Assert.Single(Directory.GetFiles(api.Records, "ran-*"));
    }

    [Fact]
    public async Task Events_QueryBinaryAndEmpty_ValidateAgainstPowertoolsApiGatewayProxyEventSchema()
    {
        var api = await SharedApiAsync();
        var binary = Path.Combine(api.Records, "body.bin");
        await File.WriteAllBytesAsync(binary, [0, 255, 1, 254]);
        Curl.Result[] calls =
        [
            await CurlAsync($"{api.HostUrl}/dev/items/7?x=1&x=2&y=", "-H", "Content-Type: text/plain", "-X", "GET"),
            await CurlAsync($"{api.HostUrl}/dev/echo/deep", "-H", "Content-Type: image/png", "--data-binary", $"@{binary}"),
            await CurlAsync($"{fixture.Server.Endpoint}/_aws/execute-api/{api.Id}/dev/x"),
        ];
        Assert.True(calls[1].Json.GetProperty("isBase64Encoded").GetBoolean(), calls[1].ToString());
        Assert.Equal(Convert.ToBase64String([0, 255, 1, 254]), calls[1].Json.GetProperty("body").GetString());
        Assert.Equal(JsonValueKind.Null, calls[2].Json.GetProperty("queryStringParameters").ValueKind);
        Assert.Equal(JsonValueKind.Null, calls[2].Json.GetProperty("multiValueQueryStringParameters").ValueKind);

        await RecordedEvents.SaveAndValidateAsync("APIGatewayProxyEventSchema", api.Records, calls);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ServerFixture, Lazy<Task<CreatedApi>>> Shared = new();

    /// <summary>One API for the tests that only call it (each CLI call takes seconds): binary types octet-stream and image/*.</summary>
    private Task<CreatedApi> SharedApiAsync() =>
        Shared.GetOrAdd(fixture, _ => new Lazy<Task<CreatedApi>>(() => CreateApiAsync("rest-shared", binaryMediaTypes: ["application/octet-stream", "image/*"]))).Value;

    private sealed record CreatedApi(string Id, string RootId, string FunctionName, string Records, string HostUrl);

    private static string IntegrationUri(string function) =>
        $"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:{Account}:function:{function}/invocations";

    /// <summary>
    /// A function and a REST API in front of it, as the CLI builds one: <c>GET /items/{id}</c> and <c>ANY /{proxy+}</c>,
    /// both AWS_PROXY to the function, deployed to stage <c>dev</c> with variable <c>k=v</c>; the function's policy lets
    /// this API in unless <paramref name="grant"/> is false.
    /// </summary>
    private async Task<CreatedApi> CreateApiAsync(string name, bool grant = true, string[]? binaryMediaTypes = null)
    {
        var (records, _) = await EchoFunctions.CreateAsync(fixture, name, RestEcho);

        var created = (await Aws.SucceedAsync(["apigateway", "create-rest-api", "--name", name,
            .. binaryMediaTypes is null ? (string[])[] : ["--binary-media-types", .. binaryMediaTypes]])).Json;
        var apiId = created.GetProperty("id").GetString()!;
        Assert.Matches("^[a-z0-9]{10}$", apiId);
        var root = Assert.Single((await Aws.SucceedAsync("apigateway", "get-resources", "--rest-api-id", apiId)).Json.GetProperty("items").EnumerateArray());
        Assert.Equal("/", root.GetProperty("path").GetString());
        var rootId = root.GetProperty("id").GetString()!;

        async Task<string> ResourceAsync(string parent, string part) =>
            (await Aws.SucceedAsync("apigateway", "create-resource", "--rest-api-id", apiId, "--parent-id", parent, "--path-part", part)).Json.GetProperty("id").GetString()!;
        async Task MethodAsync(string resource, string method)
        {
            await Aws.SucceedAsync("apigateway", "put-method", "--rest-api-id", apiId, "--resource-id", resource, "--http-method", method, "--authorization-type", "NONE");
            await Aws.SucceedAsync("apigateway", "put-integration", "--rest-api-id", apiId, "--resource-id", resource, "--http-method", method,
                "--type", "AWS_PROXY", "--integration-http-method", "POST", "--uri", IntegrationUri(name));
        }
        var items = await ResourceAsync(rootId, "items");
        await MethodAsync(await ResourceAsync(items, "{id}"), "GET");
        await MethodAsync(await ResourceAsync(rootId, "{proxy+}"), "ANY");
        if (grant)
        {
            await Aws.SucceedAsync("lambda", "add-permission", "--function-name", name, "--statement-id", "apigateway",
                "--action", "lambda:InvokeFunction", "--principal", "apigateway.amazonaws.com",
                "--source-arn", $"arn:aws:execute-api:us-east-1:{Account}:{apiId}/*/*/*");
        }
        var deployment = (await Aws.SucceedAsync("apigateway", "create-deployment", "--rest-api-id", apiId, "--stage-name", "dev", "--variables", "k=v")).Json;
        Assert.Matches("^[a-z0-9]{10}$", deployment.GetProperty("id").GetString());
        var port = fixture.Server.Port.ToString(CultureInfo.InvariantCulture);
        return new CreatedApi(apiId, rootId, name, records, $"http://{apiId}.execute-api.localhost:{port}");
    }

    private Task<Curl.Result> CurlAsync(string url, params string[] arguments) => Curl.AtAsync(fixture.Server, url, arguments);
}
