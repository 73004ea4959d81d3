using System.Net;
using System.Text;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// REST and HTTP API bodies that would store something a later request trips on are refused with API Gateway's
/// BadRequestException: nulls in lists, patch operations without an op or a path or with an unknown one, values of
/// the wrong JSON type, control characters in route keys. Every later Get still answers.
/// </summary>
public sealed class ApiGatewayValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LambdaHttp Http => fixture.Http;

    [Fact]
    public async Task CreateRestApi_NullInListOrWrongType_BadRequestAndNothingStored()
    {
        var nulls = await Http.SendAsync(HttpMethod.Post, "/restapis", """{"name":"rest-null-types","binaryMediaTypes":["image/png",null]}""");
        AssertBadRequest(nulls, "1 validation error detected: Value '[image/png, null]' at 'binaryMediaTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must not be null]");
        var endpoint = await Http.SendAsync(HttpMethod.Post, "/restapis", """{"name":"rest-null-endpoint","endpointConfiguration":{"types":[null]}}""");
        AssertBadRequest(endpoint, "1 validation error detected: Value '[null]' at 'endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must not be null]");
        var wrongType = await Http.SendAsync(HttpMethod.Post, "/restapis", """{"name":"rest-wrong-type","binaryMediaTypes":"image/png"}""");
        Assert.True(wrongType.Status == HttpStatusCode.BadRequest && wrongType.ErrorType == "BadRequestException", wrongType.ToString());
        Assert.StartsWith("Could not parse request body into json: ", wrongType.ErrorMessage, StringComparison.Ordinal);

        var listed = await Http.GetAsync("/restapis");
        Assert.True(listed.Status == HttpStatusCode.OK, listed.ToString());
        Assert.DoesNotContain(listed.Json.GetProperty("item").EnumerateArray(), api => api.GetProperty("name").GetString()!.StartsWith("rest-null", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateRestApi_BadPatchOperations_BadRequestAndApiUnchanged()
    {
        var created = await Http.SendAsync(HttpMethod.Post, "/restapis", """{"name":"rest-patch","binaryMediaTypes":["image/png"]}""");
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var path = $"/restapis/{created.Json.GetProperty("id").GetString()}";
        const string Ops = "[add, remove, move, test, replace, copy]";
        (string Body, string Message)[] cases =
        [
            ("""{"patchOperations":[null]}""", "1 validation error detected: Value '[null]' at 'patchOperations' failed to satisfy constraint: Member must satisfy constraint: [Member must not be null]"),
            ("""{"patchOperations":[{"path":"/name","value":"x"}]}""", $"Invalid patch operation specified. Must be one of: {Ops}"),
            ("""{"patchOperations":[{"op":"replace","path":"/name","value":"x"},{"op":"frob","path":"/name","value":"y"}]}""",
                $"1 validation error detected: Value 'frob' at 'patchOperations.2.member.op' failed to satisfy constraint: Member must satisfy enum value set: {Ops}"),
            ("""{"patchOperations":[{"op":"replace","value":"x"}]}""", "Invalid patch path  'null' specified for op 'replace'. Must specify a path"),
            ("""{"patchOperations":[{"op":"replace","path":"/name","value":"x"},{"op":"replace","path":"/nope","value":"y"}]}""",
                "Invalid patch path  '/nope' specified for op 'replace'. Please choose supported operations"),
        ];
        foreach (var (body, message) in cases)
        {
            AssertBadRequest(await Http.SendAsync(HttpMethod.Patch, path, body), message);
        }
        var wrongType = await Http.SendAsync(HttpMethod.Patch, path, """{"patchOperations":[{"op":"replace","path":"/name","value":5}]}""");
        Assert.True(wrongType.Status == HttpStatusCode.BadRequest && wrongType.ErrorType == "BadRequestException", wrongType.ToString());
        var notAList = await Http.SendAsync(HttpMethod.Patch, path, """{"patchOperations":{"op":"replace"}}""");
        Assert.True(notAList.Status == HttpStatusCode.BadRequest && notAList.ErrorType == "BadRequestException", notAList.ToString());

        var got = await Http.GetAsync(path);
        Assert.True(got.Status == HttpStatusCode.OK, got.ToString());
        Assert.Equal("rest-patch", got.Json.GetProperty("name").GetString());
        Assert.Equal("""["image/png"]""", got.Json.GetProperty("binaryMediaTypes").GetRawText());
        Assert.True((await Http.GetAsync("/restapis")).Status == HttpStatusCode.OK);
    }

    [Fact]
    public async Task HttpApi_NullsWrongTypesAndControlCharacters_BadRequestAndReadsSucceed()
    {
        var nulls = await Http.SendAsync(HttpMethod.Post, "/v2/apis", """{"name":"http-nulls","protocolType":"HTTP","corsConfiguration":{"allowOrigins":[null]}}""");
        AssertBadRequest(nulls, "1 validation error detected: Value '[null]' at 'corsConfiguration.allowOrigins' failed to satisfy constraint: Member must satisfy constraint: [Member must not be null]");
        var wrongType = await Http.SendAsync(HttpMethod.Post, "/v2/apis", """{"name":["http-wrong"],"protocolType":"HTTP"}""");
        AssertBadRequest(wrongType, "Invalid request body");

        var created = await Http.SendAsync(HttpMethod.Post, "/v2/apis", """{"name":"http-valid","protocolType":"HTTP"}""");
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var api = $"/v2/apis/{created.Json.GetProperty("apiId").GetString()}";
        AssertBadRequest(await Http.SendAsync(HttpMethod.Post, $"{api}/routes", """{"routeKey":"GET /a\u0001b"}"""), "Unable to create route GET /a\u0001b: invalid route key");
        AssertBadRequest(await Http.SendAsync(HttpMethod.Post, $"{api}/routes", """{"routeKey":"GET /a\tb"}"""), "Unable to create route GET /a\tb: invalid route key");
        AssertBadRequest(await Http.SendAsync(HttpMethod.Post, $"{api}/routes", """{"routeKey":5}"""), "Invalid request body");
        AssertBadRequest(await Http.SendAsync(HttpMethod.Post, $"{api}/stages", """{"stageName":"s","stageVariables":{"a":1}}"""), "Invalid request body");
        AssertBadRequest(await Http.SendAsync(HttpMethod.Post, $"{api}/integrations", """{"integrationType":"AWS_PROXY","timeoutInMillis":"soon"}"""), "Invalid request body");

        Assert.True((await Http.GetAsync("/v2/apis")).Status == HttpStatusCode.OK);
        var routes = await Http.GetAsync($"{api}/routes");
        Assert.True(routes.Status == HttpStatusCode.OK, routes.ToString());
        Assert.Empty(routes.Json.GetProperty("items").EnumerateArray());
        Assert.True((await Http.GetAsync($"{api}/stages")).Status == HttpStatusCode.OK);
    }

    /// <summary>JSON must be UTF-8: bytes that are not, in a value or a member name, are each API's 400, for Lambda too.</summary>
    [Fact]
    public async Task InvalidUtf8InsideJson_EachApisBadRequest()
    {
        byte[][] invalid = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]];
        foreach (var bytes in invalid)
        {
            byte[] Body(string before, string after) => [.. Encoding.UTF8.GetBytes(before), .. bytes, .. Encoding.UTF8.GetBytes(after)];

            var rest = await SendBytesAsync(HttpMethod.Post, "/restapis", Body("{\"name\":\"utf8-", "\"}"));
            Assert.True(rest.Status == HttpStatusCode.BadRequest && rest.ErrorType == "BadRequestException", rest.ToString());
            Assert.Equal("Could not parse request body into json: The body is not valid UTF-8.", rest.ErrorMessage);

            var http = await SendBytesAsync(HttpMethod.Post, "/v2/apis", Body("{\"name\":\"utf8\",\"protocolType\":\"HTTP\",\"stageVariables\":{\"k", "\":\"v\"}}"));
            Assert.True(http.Status == HttpStatusCode.BadRequest && http.ErrorType == "BadRequestException", http.ToString());

            var lambda = await SendBytesAsync(HttpMethod.Post, "/2015-03-31/functions", Body("{\"FunctionName\":\"utf8-", "\"}"));
            Assert.True(lambda.Status == HttpStatusCode.BadRequest && lambda.ErrorType == "InvalidRequestContentException", lambda.ToString());
            Assert.Equal("Could not parse request body into json: The body is not valid UTF-8.", lambda.ErrorMessage);
        }
        Assert.True((await Http.GetAsync("/restapis")).Status == HttpStatusCode.OK);
        Assert.True((await Http.GetAsync("/v2/apis")).Status == HttpStatusCode.OK);
        Assert.True((await Http.GetAsync("/2015-03-31/functions")).Status == HttpStatusCode.OK);
    }

    private async Task<LambdaHttp.Response> SendBytesAsync(HttpMethod method, string path, byte[] body)
    {
        using var request = new HttpRequestMessage(method, $"{fixture.Server.Endpoint}{path}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        return await Http.SendAsync(request);
    }

    private static void AssertBadRequest(LambdaHttp.Response response, string message)
    {
        Assert.True(response.Status == HttpStatusCode.BadRequest && response.ErrorType == "BadRequestException", response.ToString());
        Assert.Equal(message, response.ErrorMessage);
    }
}
