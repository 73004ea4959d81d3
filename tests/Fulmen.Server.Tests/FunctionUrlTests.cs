using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Function URLs: the config API through Debian's AWS CLI, then the URL it returns called with curl, as
/// AWS's front does it (payload 2.0 event, response mapping, CORS, AuthType NONE and AWS_IAM).
/// </summary>
[Trait("Backend", "Both")]
public sealed partial class FunctionUrlTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Arn = "arn:aws:lambda:us-east-1:000000000000:function";

    /// <summary>Marks each run in RECORD_DIR; answers with the event it received, or per path a binary, a bare value or an error.</summary>
    private static readonly TestFunction UrlEcho = EchoFunctions.Node("""
          switch (event.rawPath) {
            case '/binary': {
              const received = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
              return {
                statusCode: 201,
                headers: { 'Content-Type': 'application/octet-stream', 'X-Custom': 'yes' },
                cookies: ['a=1; Max-Age=60', 'b=2'],
                body: Buffer.from(received).reverse().toString('base64'),
                isBase64Encoded: true,
              };
            }
            case '/simple': return { simple: event.rawQueryString };
            case '/throw': throw new Error('boom');
            default: return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) };
          }
        """);

    private LambdaCli Lambda => fixture.Lambda;

    [GeneratedRegex(@"^http://([a-z0-9]{32})\.lambda-url\.us-east-1\.localhost:(\d+)/$")]
    private static partial Regex UrlPattern();

    [Fact]
    public async Task ConfigApi_CreateGetUpdateListDelete_AwsShapes()
    {
        await CreateFunctionAsync("url-config");

        var created = (await Lambda.Aws.SucceedAsync("lambda", "create-function-url-config", "--function-name", "url-config", "--auth-type", "NONE")).Json;
        var match = UrlPattern().Match(created.GetProperty("FunctionUrl").GetString()!);
        Assert.True(match.Success, created.ToString());
        Assert.Equal(fixture.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value);
        Assert.Equal($"{Arn}:url-config", created.GetProperty("FunctionArn").GetString());
        Assert.Equal("NONE", created.GetProperty("AuthType").GetString());
        Assert.True(DateTimeOffset.TryParse(created.GetProperty("CreationTime").GetString(), out _), created.ToString());
        Assert.False(created.TryGetProperty("LastModifiedTime", out _), $"Create omits LastModifiedTime: {created}");
        Assert.False(created.TryGetProperty("InvokeMode", out _), $"Create omits an InvokeMode not given: {created}");

        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "create-function-url-config", "--function-name", "url-config", "--auth-type", "NONE"),
            "ResourceConflictException", "CreateFunctionUrlConfig",
            $"Failed to create function url config for [functionArn = {Arn}:url-config]. Error message:  FunctionUrlConfig exists for this Lambda function");

        var got = (await Lambda.Aws.SucceedAsync("lambda", "get-function-url-config", "--function-name", "url-config")).Json;
        Assert.Equal(created.GetProperty("FunctionUrl").GetString(), got.GetProperty("FunctionUrl").GetString());
        Assert.True(got.TryGetProperty("LastModifiedTime", out _), got.ToString());
        // Debian's CLI (2.9) predates InvokeMode: it neither sends nor prints it, so that member is checked over HTTP.
        var raw = await fixture.Http.GetAsync("/2021-10-31/functions/url-config/url");
        Assert.Equal("BUFFERED", raw.Json.GetProperty("InvokeMode").GetString());

        var updated = (await Lambda.Aws.SucceedAsync("lambda", "update-function-url-config", "--function-name", "url-config",
            "--cors", """{"AllowOrigins":["https://example.com"],"MaxAge":60}""")).Json;
        Assert.Equal("NONE", updated.GetProperty("AuthType").GetString());
        Assert.Equal("""{"AllowOrigins":["https://example.com"],"MaxAge":60}""", Compact(updated.GetProperty("Cors")));
        Assert.Equal(created.GetProperty("FunctionUrl").GetString(), updated.GetProperty("FunctionUrl").GetString());

        using (var http = new HttpClient())
        {
            var put = await http.PutAsync($"{fixture.Server.Endpoint}/2021-10-31/functions/url-config/url",
                new StringContent("""{"InvokeMode":"RESPONSE_STREAM"}""", Encoding.UTF8, "application/json"));
            var streamed = JsonDocument.Parse(await put.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("RESPONSE_STREAM", streamed.GetProperty("InvokeMode").GetString());
            Assert.Equal("""{"AllowOrigins":["https://example.com"],"MaxAge":60}""", streamed.GetProperty("Cors").GetRawText());
        }

        var listed = (await Lambda.Aws.SucceedAsync("lambda", "list-function-url-configs", "--function-name", "url-config")).Json;
        var only = Assert.Single(listed.GetProperty("FunctionUrlConfigs").EnumerateArray());
        Assert.Equal(updated.GetProperty("FunctionUrl").GetString(), only.GetProperty("FunctionUrl").GetString());
        Assert.Equal(Compact(updated.GetProperty("Cors")), Compact(only.GetProperty("Cors")));

        // A RESPONSE_STREAM URL is served buffered.
        var served = await CurlAsync(created.GetProperty("FunctionUrl").GetString()!);
        Assert.True(served.Status == 200, served.ToString());

        // The console's public-access statement came with the NONE URL.
        var policy = (await Lambda.Aws.SucceedAsync("lambda", "get-policy", "--function-name", "url-config")).Json;
        var statement = Assert.Single(JsonDocument.Parse(policy.GetProperty("Policy").GetString()!).RootElement.GetProperty("Statement").EnumerateArray());
        Assert.Equal("FunctionURLAllowPublicAccess", statement.GetProperty("Sid").GetString());
        Assert.Equal("lambda:InvokeFunctionUrl", statement.GetProperty("Action").GetString());

        await Lambda.Aws.SucceedAsync("lambda", "delete-function-url-config", "--function-name", "url-config");
        LambdaCli.AssertServiceError(await Lambda.Aws.RunAsync("lambda", "get-function-url-config", "--function-name", "url-config"),
            "ResourceNotFoundException", "GetFunctionUrlConfig", "The resource you requested does not exist.");
        var gone = await CurlAsync(created.GetProperty("FunctionUrl").GetString()!);
        Assert.True(gone.Status == 404, gone.ToString());
    }

    [Fact]
    public async Task Create_BadAuthType_ValidationException()
    {
        await CreateFunctionAsync("url-bad-auth");
        LambdaCli.AssertServiceError(await Lambda.Unvalidated.RunAsync("lambda", "create-function-url-config", "--function-name", "url-bad-auth", "--auth-type", "OPEN"),
            "ValidationException", "CreateFunctionUrlConfig",
            "1 validation error detected: Value 'OPEN' at 'authType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_IAM, NONE]");
    }

    [Fact]
    public async Task NoneUrl_CurlWithPathQueryCookiesAndHeaders_EventAsAwsSendsIt()
    {
        var (url, urlId, _) = await CreateUrlAsync("url-event", "NONE");

        var result = await CurlAsync($"{url}reports/daily?format=csv&tag=a&tag=b",
            "-H", "Content-Type: text/plain", "--data-binary", "region,total", "-b", "c1=v1; c2=v2",
            "-H", "X-Multi: one", "-H", "X-Multi: two", "-A", "fulmen-test/1.0");

        Assert.True(result.Status == 200, result.ToString());
        var e = result.Json;
        Assert.Equal("2.0", e.GetProperty("version").GetString());
        Assert.Equal("$default", e.GetProperty("routeKey").GetString());
        Assert.Equal("/reports/daily", e.GetProperty("rawPath").GetString());
        Assert.Equal("format=csv&tag=a&tag=b", e.GetProperty("rawQueryString").GetString());
        Assert.Equal("""{"format":"csv","tag":"a,b"}""", e.GetProperty("queryStringParameters").GetRawText());
        Assert.Equal("""["c1=v1","c2=v2"]""", e.GetProperty("cookies").GetRawText());
        var headers = e.GetProperty("headers");
        Assert.Equal("one,two", headers.GetProperty("x-multi").GetString());
        Assert.Equal("text/plain", headers.GetProperty("content-type").GetString());
        Assert.Equal("fulmen-test/1.0", headers.GetProperty("user-agent").GetString());
        Assert.False(headers.TryGetProperty("cookie", out _), $"cookies go to the cookies array: {headers}");
        Assert.All(headers.EnumerateObject(), h => Assert.Equal(h.Name.ToLowerInvariant(), h.Name));
        Assert.Equal("region,total", e.GetProperty("body").GetString());
        Assert.False(e.GetProperty("isBase64Encoded").GetBoolean());

        var context = e.GetProperty("requestContext");
        Assert.Equal(urlId, context.GetProperty("apiId").GetString());
        Assert.Equal(urlId, context.GetProperty("domainPrefix").GetString());
        Assert.Equal($"{urlId}.lambda-url.us-east-1.localhost", context.GetProperty("domainName").GetString());
        Assert.Equal("$default", context.GetProperty("stage").GetString());
        Assert.Equal("$default", context.GetProperty("routeKey").GetString());
        Assert.Equal(JsonValueKind.Null, context.GetProperty("authentication").ValueKind);
        Assert.False(context.TryGetProperty("authorizer", out _), context.ToString());
        var http = context.GetProperty("http");
        Assert.Equal("POST", http.GetProperty("method").GetString());
        Assert.Equal("/reports/daily", http.GetProperty("path").GetString());
        Assert.Equal("HTTP/1.1", http.GetProperty("protocol").GetString());
        Assert.Equal("127.0.0.1", http.GetProperty("sourceIp").GetString());
        Assert.Equal("fulmen-test/1.0", http.GetProperty("userAgent").GetString());
        Assert.Equal(result.Header("x-amzn-RequestId"), context.GetProperty("requestId").GetString());
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", context.GetProperty("time").GetString());
        Assert.InRange(context.GetProperty("timeEpoch").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task NoneUrl_PathForm_ReachesTheSameFunction()
    {
        var (_, urlId, _) = await CreateUrlAsync("url-path-form", "NONE");

        var result = await CurlAsync($"{fixture.Server.Endpoint}/_aws/lambda-url/{urlId}/items/42?x=1");

        Assert.True(result.Status == 200, result.ToString());
        Assert.Equal("/items/42", result.Json.GetProperty("rawPath").GetString());
        Assert.Equal("GET", result.Json.GetProperty("requestContext").GetProperty("http").GetProperty("method").GetString());
        Assert.False(result.Json.TryGetProperty("body", out _), "no body, no member");
    }

    [Fact]
    public async Task NoneUrl_BinaryBodyAndBinaryAnswer_Base64BothWaysCookiesAsSetCookie()
    {
        var (url, _, records) = await CreateUrlAsync("url-binary", "NONE");
        byte[] sent = [0, 1, 2, 200, 255, 10];
        var file = Path.Combine(records, "sent.bin");
        await File.WriteAllBytesAsync(file, sent);

        var result = await CurlAsync($"{url}binary", "-H", "Content-Type: application/octet-stream", "--data-binary", $"@{file}");

        Assert.True(result.Status == 201, result.ToString());
        Assert.Equal([.. sent.Reverse()], result.Body);
        Assert.Equal("application/octet-stream", result.Header("content-type"));
        Assert.Equal("yes", result.Header("x-custom"));
        Assert.Equal(["a=1; Max-Age=60", "b=2"], result.All("set-cookie"));
    }

    [Fact]
    public async Task NoneUrl_AnswerWithoutStatusCodeOrFunctionError_SimplifiedOr502()
    {
        var (url, _, _) = await CreateUrlAsync("url-simple", "NONE");

        var simple = await CurlAsync($"{url}simple?q=1");
        Assert.True(simple.Status == 200, simple.ToString());
        Assert.StartsWith("application/json", simple.Header("content-type"), StringComparison.Ordinal);
        Assert.Equal("""{"simple":"q=1"}""", simple.Text);

        var failed = await CurlAsync($"{url}throw");
        Assert.True(failed.Status == 502, failed.ToString());
        Assert.Equal("Internal Server Error", failed.Text);
    }

    [Fact]
    public async Task Cors_PreflightAnsweredWithoutRunningFunction_ResponsesCarryAllowOrigin()
    {
        var (url, _, records) = await CreateUrlAsync("url-cors", "NONE",
            "--cors", """{"AllowOrigins":["https://app.example.com"],"AllowMethods":["GET","POST"],"AllowHeaders":["x-custom"],"ExposeHeaders":["x-exposed"],"MaxAge":300,"AllowCredentials":true}""");

        var preflight = await CurlAsync(url, "-X", "OPTIONS", "-H", "Origin: https://app.example.com",
            "-H", "Access-Control-Request-Method: POST", "-H", "Access-Control-Request-Headers: x-custom");
        Assert.True(preflight.Status == 200, preflight.ToString());
        Assert.Equal("https://app.example.com", preflight.Header("access-control-allow-origin"));
        Assert.Equal("GET,POST", preflight.Header("access-control-allow-methods"));
        Assert.Equal("x-custom", preflight.Header("access-control-allow-headers"));
        Assert.Equal("300", preflight.Header("access-control-max-age"));
        Assert.Equal("true", preflight.Header("access-control-allow-credentials"));
        Assert.Empty(Directory.GetFiles(records, "ran-*"));

        var allowed = await CurlAsync(url, "-H", "Origin: https://app.example.com");
        Assert.True(allowed.Status == 200, allowed.ToString());
        Assert.Equal("https://app.example.com", allowed.Header("access-control-allow-origin"));
        Assert.Equal("x-exposed", allowed.Header("access-control-expose-headers"));

        var other = await CurlAsync(url, "-H", "Origin: https://evil.example.net");
        Assert.True(other.Status == 200, other.ToString());
        Assert.Null(other.Header("access-control-allow-origin"));
    }

    [Fact]
    public async Task NoneUrl_PublicStatementRemoved_403AndFunctionDidNotRun()
    {
        var (url, _, records) = await CreateUrlAsync("url-no-policy", "NONE");
        await Lambda.Aws.SucceedAsync("lambda", "remove-permission", "--function-name", "url-no-policy", "--statement-id", "FunctionURLAllowPublicAccess");

        var result = await CurlAsync(url);

        Assert.True(result.Status == 403, result.ToString());
        Assert.Equal("""{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}""", result.Text);
        Assert.Empty(Directory.GetFiles(records, "ran-*"));
    }

    [Fact]
    public async Task IamUrl_SignedAcceptedUnsignedOrWrongSecretRefused()
    {
        var (url, _, records) = await CreateUrlAsync("url-iam", "AWS_IAM");

        var signed = await CurlAsync($"{url}signed?b=2&a=1", "--aws-sigv4", "aws:amz:us-east-1:lambda", "--user", "test:test",
            "-H", "Content-Type: application/json", "--data-binary", """{"hello":"world"}""");
        Assert.True(signed.Status == 200, signed.ToString());
        var iam = signed.Json.GetProperty("requestContext").GetProperty("authorizer").GetProperty("iam");
        Assert.Equal("test", iam.GetProperty("accessKey").GetString());
        Assert.Equal("000000000000", iam.GetProperty("accountId").GetString());
        Assert.Equal("""{"hello":"world"}""", signed.Json.GetProperty("body").GetString());

        var unsigned = await CurlAsync(url);
        Assert.True(unsigned.Status == 403, unsigned.ToString());
        Assert.Equal("""{"Message":"Forbidden"}""", unsigned.Text);

        var wrongSecret = await CurlAsync(url, "--aws-sigv4", "aws:amz:us-east-1:lambda", "--user", "test:not-the-secret");
        Assert.True(wrongSecret.Status == 403, wrongSecret.ToString());
        Assert.Single(Directory.GetFiles(records, "ran-*"));
    }

    [Fact]
    public async Task Events_NoneBinaryAndIam_ValidateAgainstPowertoolsLambdaFunctionUrlSchema()
    {
        var (none, _, records) = await CreateUrlAsync("url-schema", "NONE");
        var (iam, _, _) = await CreateUrlAsync("url-schema-iam", "AWS_IAM");
        var binary = Path.Combine(records, "body.bin");
        await File.WriteAllBytesAsync(binary, [0, 255, 1, 254]);
        Curl.Result[] calls =
        [
            await CurlAsync($"{none}a/b?x=1&x=2&y=", "-b", "k=v", "-H", "Content-Type: text/plain", "--data-binary", "text"),
            await CurlAsync($"{none}echo", "-H", "Content-Type: image/png", "--data-binary", $"@{binary}"),
            await CurlAsync(none),
            await CurlAsync($"{iam}signed", "--aws-sigv4", "aws:amz:us-east-1:lambda", "--user", "test:test"),
        ];
        Assert.True(calls[1].Json.GetProperty("isBase64Encoded").GetBoolean(), calls[1].ToString());
        Assert.Equal(Convert.ToBase64String([0, 255, 1, 254]), calls[1].Json.GetProperty("body").GetString());

        await RecordedEvents.SaveAndValidateAsync("LambdaFunctionUrlSchema", records, calls);
    }

    private async Task<string> CreateFunctionAsync(string name) => (await EchoFunctions.CreateAsync(fixture, name, UrlEcho)).Records;

    /// <summary>A function with a URL; returns the URL, its id and the directory where each run leaves a mark.</summary>
    private async Task<(string Url, string UrlId, string Records)> CreateUrlAsync(string name, string authType, params string[] extra)
    {
        var records = await CreateFunctionAsync(name);
        var created = (await Lambda.Aws.SucceedAsync(["lambda", "create-function-url-config", "--function-name", name, "--auth-type", authType, .. extra])).Json;
        var url = created.GetProperty("FunctionUrl").GetString()!;
        return (url, UrlPattern().Match(url).Groups[1].Value, records);
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private Task<Curl.Result> CurlAsync(string url, params string[] arguments) => Curl.AtAsync(fixture.Server, url, arguments);
}
