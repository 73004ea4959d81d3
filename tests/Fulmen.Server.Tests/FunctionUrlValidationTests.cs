using System.Net;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// A function URL's configuration that would break its later requests is refused when written, with the Lambda API's
/// ValidationException: nulls in CORS lists, values no response header can carry, lengths over AWS's limits. After
/// each refusal the config still reads back and the URL still serves, CORS headers included.
/// </summary>
public sealed class FunctionUrlValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TestFunction Echo = EchoFunctions.Node("return { statusCode: 200, body: 'ok' };");

    private LambdaHttp Http => fixture.Http;

    [Fact]
    public async Task CreateAndUpdate_NullInAnyCorsList_ValidationExceptionAndUrlStillServes()
    {
        await EchoFunctions.CreateAsync(fixture, "url-nulls", Echo);
        foreach (var (member, json) in new[]
        {
            ("cors.allowOrigins", """{"AllowOrigins":[null]}"""),
            ("cors.allowHeaders", """{"AllowHeaders":[null]}"""),
            ("cors.allowMethods", """{"AllowMethods":[null]}"""),
            ("cors.exposeHeaders", """{"ExposeHeaders":[null]}"""),
        })
        {
            var refused = await Http.SendAsync(HttpMethod.Post, "/2021-10-31/functions/url-nulls/url", $$"""{"AuthType":"NONE","Cors":{{json}}}""");
            AssertValidation(refused, $"1 validation error detected: Value '[null]' at '{member}' failed to satisfy constraint: Member must satisfy constraint: [Member must not be null]");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/2021-10-31/functions/url-nulls/url")).Status);

        var created = await Http.SendAsync(HttpMethod.Post, "/2021-10-31/functions/url-nulls/url", """{"AuthType":"NONE","Cors":{"AllowOrigins":["https://a.example"]}}""");
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var update = await Http.SendAsync(HttpMethod.Put, "/2021-10-31/functions/url-nulls/url", """{"Cors":{"AllowOrigins":["https://a.example",null],"AllowMethods":["GET"]}}""");
        AssertValidation(update, "1 validation error detected: Value '[https://a.example, null]' at 'cors.allowOrigins' failed to satisfy constraint: Member must satisfy constraint: [Member must not be null]");

        var got = await Http.GetAsync("/2021-10-31/functions/url-nulls/url");
        Assert.True(got.Status == HttpStatusCode.OK, got.ToString());
        Assert.Equal("""["https://a.example"]""", got.Json.GetProperty("Cors").GetProperty("AllowOrigins").GetRawText());
        Assert.True((await Http.GetAsync("/2021-10-31/functions/url-nulls/urls")).Status == HttpStatusCode.OK);
        var served = await Curl.AtAsync(fixture.Server, created.Json.GetProperty("FunctionUrl").GetString()!, "-H", "Origin: https://a.example");
        Assert.True(served.Status == 200 && served.Text == "ok", served.ToString());
        Assert.Equal("https://a.example", served.Header("access-control-allow-origin"));
    }

    [Fact]
    public async Task Cors_LineBreakControlCharacterOrBadLength_ValidationException()
    {
        await EchoFunctions.CreateAsync(fixture, "url-header-text", Echo);
        const string Pattern = "Member must satisfy constraint: [Member must satisfy regular expression pattern: .*]";
        (string Cors, string Message)[] cases =
        [
            ("""{"AllowHeaders":["x-a\r\nx-b: injected"]}""", $"Value '[x-a\r\nx-b: injected]' at 'cors.allowHeaders' failed to satisfy constraint: {Pattern}"),
            ("""{"ExposeHeaders":["x-\u0001"]}""", $"Value '[x-\u0001]' at 'cors.exposeHeaders' failed to satisfy constraint: {Pattern}"),
            ("""{"AllowMethods":["G\nT"]}""", $"Value '[G\nT]' at 'cors.allowMethods' failed to satisfy constraint: {Pattern}"),
            ("""{"AllowOrigins":["https://\u00e9.example"]}""", $"Value '[https://\u00e9.example]' at 'cors.allowOrigins' failed to satisfy constraint: {Pattern}"),
            ("""{"AllowOrigins":[""]}""", "Value '' at 'cors.allowOrigins.member' failed to satisfy constraint: Member must have length greater than or equal to 1"),
            ("""{"AllowMethods":["CONNECT"]}""", "Value 'CONNECT' at 'cors.allowMethods.member' failed to satisfy constraint: Member must have length less than or equal to 6"),
            ($$"""{"AllowHeaders":["{{new string('h', 1025)}}"]}""", $"Value '{new string('h', 1025)}' at 'cors.allowHeaders.member' failed to satisfy constraint: Member must have length less than or equal to 1024"),
        ];
        foreach (var (cors, message) in cases)
        {
            var refused = await Http.SendAsync(HttpMethod.Post, "/2021-10-31/functions/url-header-text/url", $$"""{"AuthType":"NONE","Cors":{{cors}}}""");
            AssertValidation(refused, $"1 validation error detected: {message}");
        }

        // The CLI sends such a value as it is given; the answer is the same.
        LambdaCli.AssertServiceError(await fixture.Lambda.Aws.RunAsync("lambda", "create-function-url-config", "--function-name", "url-header-text",
            "--auth-type", "NONE", "--cors", """{"AllowHeaders":["x-a\r\nx-b"]}"""), "ValidationException", "CreateFunctionUrlConfig",
            "1 validation error detected: Value '[x-a");

        var created = await Http.SendAsync(HttpMethod.Post, "/2021-10-31/functions/url-header-text/url",
            """{"AuthType":"NONE","Cors":{"AllowOrigins":["*"],"AllowHeaders":["x-a"],"AllowMethods":["*"]}}""");
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var preflight = await Curl.AtAsync(fixture.Server, created.Json.GetProperty("FunctionUrl").GetString()!, "-X", "OPTIONS",
            "-H", "Origin: https://b.example", "-H", "Access-Control-Request-Method: GET");
        Assert.True(preflight.Status == 200, preflight.ToString());
        Assert.Equal("*", preflight.Header("access-control-allow-origin"));
        Assert.Equal("x-a", preflight.Header("access-control-allow-headers"));
    }

    [Fact]
    public async Task WildcardOriginWithCredentials_Accepted_AnswersEchoTheOriginNeverStar()
    {
        await EchoFunctions.CreateAsync(fixture, "url-star-credentials", Echo);
        var created = (await fixture.Lambda.Aws.SucceedAsync("lambda", "create-function-url-config", "--function-name", "url-star-credentials",
            "--auth-type", "NONE", "--cors", """{"AllowOrigins":["*"],"AllowCredentials":true,"AllowMethods":["GET"]}""")).Json;
        var url = created.GetProperty("FunctionUrl").GetString()!;

        var preflight = await Curl.AtAsync(fixture.Server, url, "-X", "OPTIONS", "-H", "Origin: https://c.example", "-H", "Access-Control-Request-Method: GET");
        var actual = await Curl.AtAsync(fixture.Server, url, "-H", "Origin: https://c.example");

        foreach (var answer in new[] { preflight, actual })
        {
            Assert.True(answer.Status == 200, answer.ToString());
            Assert.Equal("https://c.example", answer.Header("access-control-allow-origin"));
            Assert.Equal("true", answer.Header("access-control-allow-credentials"));
        }
    }

    private static void AssertValidation(LambdaHttp.Response response, string message)
    {
        Assert.True(response.Status == HttpStatusCode.BadRequest && response.ErrorType == "ValidationException", response.ToString());
        Assert.Equal(message, response.ErrorMessage);
    }
}
