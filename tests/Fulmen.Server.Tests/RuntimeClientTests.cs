using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// The Runtime API exchange of Fulmen's Node.js and Python bootstraps (sdk/runtimes): many invokes over their one
/// kept-alive connection, events and results of several reads with multi-byte characters, the X-Ray trace id in
/// <c>_X_AMZN_TRACE_ID</c>, and Node's callbackWaitsForEmptyEventLoop, which needs the idle socket not to hold the
/// event loop.
/// </summary>
public sealed class RuntimeClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LambdaHttp Http => fixture.Http;

    public static TheoryData<string> Runtimes => new() { "nodejs", "python" };

    private static TestFunction Echo(string runtime) => runtime == "nodejs"
        ? TestFunctions.Node("""
            exports.handler = async (event, context) =>
              ({ echo: event, id: context.awsRequestId, trace: process.env._X_AMZN_TRACE_ID });
            """)
        : TestFunctions.Python("""
            import os
            def handler(event, context):
                return {"echo": event, "id": context.aws_request_id, "trace": os.environ.get("_X_AMZN_TRACE_ID")}
            """);

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task Invoke_ManyInOneEnvironment_EachAnswersItsOwnEventWithItsTraceId(string runtime)
    {
        var function = $"client-many-{runtime}";
        await Http.CreateFunctionAsync(function, Echo(runtime));
        var traces = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 40; i++)
        {
            var payload = JsonSerializer.Serialize(new { i, text = $"héllo wörld ✓ {i}" });
            var response = await Http.InvokeAsync(function, payload);
            Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
            var json = response.Json;
            Assert.Equal(i, json.GetProperty("echo").GetProperty("i").GetInt32());
            Assert.Equal($"héllo wörld ✓ {i}", json.GetProperty("echo").GetProperty("text").GetString());
            Assert.Equal(response.Header("x-amzn-RequestId"), json.GetProperty("id").GetString());
            var trace = json.GetProperty("trace").GetString();
            Assert.StartsWith("Root=1-", trace, StringComparison.Ordinal);
            traces.Add(trace!);
        }
        Assert.Equal(40, traces.Count); // a new trace id every invoke, not the first one kept
    }

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task Invoke_LargeEventWithMultiByteText_RoundTripsWhole(string runtime)
    {
        var function = $"client-large-{runtime}";
        await Http.CreateFunctionAsync(function, Echo(runtime), new JsonObject { ["MemorySize"] = 512 });
        // About 1.5 MB of UTF-8 (é and ✓ are 2 and 3 bytes): many socket reads each way.
        var text = string.Concat(Enumerable.Repeat("é✓abc", 250_000));
        for (var round = 0; round < 2; round++)
        {
            var response = await Http.InvokeAsync(function, JsonSerializer.Serialize(new { text, round }));
            Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString()[..Math.Min(500, response.ToString().Length)]);
            Assert.Equal(text, response.Json.GetProperty("echo").GetProperty("text").GetString());
            Assert.Equal(round, response.Json.GetProperty("echo").GetProperty("round").GetInt32());
        }
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Node_CallbackWithTimerPending_WaitsForTheEventLoopOnlyWhenAsked(bool waits, bool expectTimerRan)
    {
        var function = $"client-callback-wait-{waits.ToString().ToLowerInvariant()}";
        await Http.CreateFunctionAsync(function, TestFunctions.Node($$"""
            exports.handler = (event, context, callback) => {
              context.callbackWaitsForEmptyEventLoop = {{waits.ToString().ToLowerInvariant()}};
              const result = { timerRan: false, n: event.n };
              setTimeout(() => { result.timerRan = true; }, 200);
              callback(null, result);
            };
            """));
        for (var n = 0; n < 3; n++)
        {
            var response = await Http.InvokeAsync(function, $$"""{"n":{{n}}}""");
            Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
            Assert.Equal(expectTimerRan, response.Json.GetProperty("timerRan").GetBoolean());
            Assert.Equal(n, response.Json.GetProperty("n").GetInt32());
        }
    }

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task Invoke_ErrorThenSuccess_SameEnvironmentKeepsAnswering(string runtime)
    {
        var function = $"client-error-{runtime}";
        await Http.CreateFunctionAsync(function, runtime == "nodejs"
            ? TestFunctions.Node("""
                exports.handler = async (event) => {
                  if (event.fail) { const e = new Error('fails ✗ here'); e.name = 'CustomError'; throw e; }
                  return { ok: event.n };
                };
                """)
            : TestFunctions.Python("""
                class CustomError(Exception):
                    pass
                def handler(event, context):
                    if event.get("fail"):
                        raise CustomError("fails ✗ here")
                    return {"ok": event["n"]}
                """));
        for (var n = 0; n < 3; n++)
        {
            var failed = await Http.InvokeAsync(function, """{"fail":true}""");
            Assert.Equal(HttpStatusCode.OK, failed.Status);
            Assert.Equal("Unhandled", failed.Header("X-Amz-Function-Error"));
            Assert.Equal("CustomError", failed.Json.GetProperty("errorType").GetString());
            Assert.Equal("fails ✗ here", failed.Json.GetProperty("errorMessage").GetString());

            var ok = await Http.InvokeAsync(function, $$"""{"n":{{n}}}""");
            Assert.True(ok.Status == HttpStatusCode.OK && ok.Header("X-Amz-Function-Error") is null, ok.ToString());
            Assert.Equal(n, ok.Json.GetProperty("ok").GetInt32());
        }
    }
}
