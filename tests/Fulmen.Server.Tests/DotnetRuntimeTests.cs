using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// C# functions on the dotnet8 / dotnet10 runtimes: Fulmen's host loads tests/functions/DotnetHandlers
/// (built with this test project) from the function zip and calls each handler shape.
/// </summary>
public sealed class DotnetRuntimeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Order = """{"item":"tea","quantity":2}""";

    private Task CreateAsync(string name, string handler, string runtime = "dotnet10", int timeout = 30) =>
        DotnetFunctions.CreateAsync(fixture.Http, name, runtime, handler, DotnetFunctions.HandlersZip, new JsonObject { ["Timeout"] = timeout });

    [Theory]
    [InlineData("static-sync", "Handlers::Handlers.Signatures::StaticSync", "dotnet8", """{"Summary":"2 x tea","Handler":"StaticSync","Constructed":0}""")]
    [InlineData("no-input-valuetask", "Handlers::Handlers.Signatures::NoInput", "dotnet10", "\"no input\"")]
    [InlineData("stream-in-out", "Handlers::Handlers.Signatures::Streams", "dotnet10", """{"ITEM":"TEA","QUANTITY":2}""")]
    [InlineData("void-with-context", "Handlers::Handlers.Signatures::VoidWithContext", "dotnet10", "")]
    [InlineData("task-only", "Handlers::Handlers.Signatures::TaskOnly", "dotnet8", "")]
    [InlineData("source-generated", "Handlers::Handlers.Signatures::SourceGenerated", "dotnet10", """{"Summary":"2 x tea","Handler":"SourceGenerated","Constructed":0}""")]
    public async Task Handler_OfEachShape_AnswersItsInput(string name, string handler, string runtime, string expected)
    {
        await CreateAsync(name, handler, runtime);
        var response = await fixture.Http.InvokeAsync(name, Order, logTail: true);
        Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
        Assert.Equal(expected, response.Body);
    }

    [Fact]
    public async Task InstanceHandler_AsyncWithContext_ConstructedOnceAtInit()
    {
        await CreateAsync("instance-async", "Handlers::Handlers.Signatures::InstanceAsync");
        for (var i = 0; i < 3; i++)
        {
            var response = await fixture.Http.InvokeAsync("instance-async", Order);
            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            var receipt = response.Json;
            Assert.Equal("2 x tea", receipt.GetProperty("Summary").GetString());
            Assert.Equal(response.Header("x-amzn-RequestId"), receipt.GetProperty("RequestId").GetString());
            // The constructor ran once, during init; every invoke reuses the instance.
            Assert.Equal(1, receipt.GetProperty("Constructed").GetInt32());
        }
    }

    [Fact]
    public async Task ValueTaskHandler_WithContext_SeesItsRequestId()
    {
        await CreateAsync("valuetask-context", "Handlers::Handlers.Signatures::ValueTaskWithContext", "dotnet8");
        var response = await fixture.Http.InvokeAsync("valuetask-context", Order);
        Assert.Equal("tea", response.Json.GetProperty("Summary").GetString());
        Assert.Equal(response.Header("x-amzn-RequestId"), response.Json.GetProperty("RequestId").GetString());
    }

    [Fact]
    public async Task Handler_Throws_ErrorTypeIsTheExceptionNameWithItsStackTrace()
    {
        await CreateAsync("throws", "Handlers::Handlers.Failures::Throws");
        var response = await fixture.Http.InvokeAsync("throws", "{}", logTail: true);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Unhandled", response.Header("X-Amz-Function-Error"));
        var error = response.Json;
        Assert.Equal("ArgumentOutOfRangeException", error.GetProperty("errorType").GetString());
        Assert.StartsWith("quantity must be positive", error.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        var frames = error.GetProperty("stackTrace").EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.StartsWith("at Handlers.Failures.Validate(Int32 quantity)", frames[0], StringComparison.Ordinal);
        Assert.StartsWith("at Handlers.Failures.Throws(Stream input)", frames[1], StringComparison.Ordinal);
        // The host's own frames (reflection, the invoke loop) are not the function's and are left out, as AWS does.
        Assert.DoesNotContain(frames, f => f.Contains("Fulmen.Lambda.RuntimeHost", StringComparison.Ordinal) || f.Contains("System.Reflection", StringComparison.Ordinal));
        var log = Decode(response.Header("X-Amz-Log-Result"));
        Assert.Contains("\tfail\tSystem.ArgumentOutOfRangeException: quantity must be positive", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AsyncHandler_ThrowsWrappedException_ReportsTheCause()
    {
        await CreateAsync("throws-async", "Handlers::Handlers.Failures::ThrowsAsync");
        var response = await fixture.Http.InvokeAsync("throws-async", "{}");
        Assert.Equal("Unhandled", response.Header("X-Amz-Function-Error"));
        var error = response.Json;
        Assert.Equal("OrderRejectedException", error.GetProperty("errorType").GetString());
        Assert.Equal("order rejected", error.GetProperty("errorMessage").GetString());
        Assert.StartsWith("at Handlers.Failures.ThrowsAsync(Stream input)", error.GetProperty("stackTrace")[0].GetString(), StringComparison.Ordinal);
        var cause = error.GetProperty("cause");
        Assert.Equal("ArgumentOutOfRangeException", cause.GetProperty("errorType").GetString());
        Assert.StartsWith("at Handlers.Failures.Validate(Int32 quantity)", cause.GetProperty("stackTrace")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing-type", "Handlers::Handlers.Nope::Run", "Unable to load type 'Handlers.Nope' from assembly 'Handlers'.")]
    [InlineData("missing-method", "Handlers::Handlers.Failures::Missing", "Unable to find method 'Missing' in type 'Handlers.Failures' from assembly 'Handlers': Found no methods matching method name 'Missing'.")]
    [InlineData("missing-assembly", "Nowhere::Handlers.Failures::Throws", "Could not find the specified handler assembly with the file name 'Nowhere, Culture=neutral, PublicKeyToken=null'. The assembly should be located in the root of your uploaded .zip file.")]
    [InlineData("malformed-handler", "Handlers::Handlers.Failures", "Invalid lambda function handler: 'Handlers::Handlers.Failures'. The valid format is 'ASSEMBLY::TYPE::METHOD'.")]
    public async Task HandlerString_NamingNothingLoadable_FailsInitWithAClearMessage(string name, string handler, string message)
    {
        await CreateAsync(name, handler);
        var response = await fixture.Http.InvokeAsync(name, "{}", logTail: true);
        Assert.Equal("Unhandled", response.Header("X-Amz-Function-Error"));
        Assert.Equal("LambdaValidationException", response.Json.GetProperty("errorType").GetString());
        Assert.Equal(message, response.Json.GetProperty("errorMessage").GetString());
        Assert.Contains(message, Decode(response.Header("X-Amz-Log-Result")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Constructor_Throws_ReportedAsInitErrorOfThatType()
    {
        await CreateAsync("broken-constructor", "Handlers::Handlers.BrokenConstructor::Handle");
        var response = await fixture.Http.InvokeAsync("broken-constructor", "{}");
        Assert.Equal("Unhandled", response.Header("X-Amz-Function-Error"));
        Assert.Equal("InvalidOperationException", response.Json.GetProperty("errorType").GetString());
        Assert.Equal("configuration missing", response.Json.GetProperty("errorMessage").GetString());
        Assert.StartsWith("at Handlers.BrokenConstructor..ctor()", response.Json.GetProperty("stackTrace")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Context_RemainingTimeCountsDownAndLogsReachTheLogStream()
    {
        await CreateAsync("context-probe", "Handlers::Handlers.ContextProbe::Remaining", timeout: 5);
        var response = await fixture.Http.InvokeAsync("context-probe", "{}", logTail: true);
        Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
        var context = response.Json;
        var first = context.GetProperty("firstMs").GetInt64();
        var second = context.GetProperty("secondMs").GetInt64();
        // Counting down from the 5 s timeout; the handler waits 300 ms between the two readings.
        Assert.InRange(first, 1, 5000);
        Assert.InRange(first - second, 290, 5000);
        var requestId = response.Header("x-amzn-RequestId");
        Assert.Equal(requestId, context.GetProperty("requestId").GetString());
        Assert.Equal("context-probe", context.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", context.GetProperty("functionVersion").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:context-probe", context.GetProperty("invokedFunctionArn").GetString());
        Assert.Equal(128, context.GetProperty("memoryLimitInMB").GetInt32());
        Assert.Equal("/aws/lambda/context-probe", context.GetProperty("logGroupName").GetString());

        var log = Decode(response.Header("X-Amz-Log-Result"));
        Assert.Matches($@"\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{3}}Z\t{requestId}\tinfo\tfrom context.Logger.LogLine\n", log);
        Assert.Contains($"\t{requestId}\twarn\tfrom context.Logger.LogWarning\n", log, StringComparison.Ordinal);
        Assert.Contains($"\t{requestId}\tinfo\tfrom LambdaLogger.Log\n", log, StringComparison.Ordinal);
        Assert.Contains($"\t{requestId}\tinfo\tfrom Console.WriteLine\n", log, StringComparison.Ordinal);

        // The same lines are in the function's log stream, where `fulmen logs` and the console read them.
        var stream = context.GetProperty("logStreamName").GetString()!;
        var logs = await fixture.Http.GetAsync($"/_fulmen/logs/context-probe/stream?name={Uri.EscapeDataString(stream)}");
        Assert.Contains("from context.Logger.LogWarning", logs.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnBootstrap_WithLambdaBootstrapBuilder_RunsOnProvidedRuntime()
    {
        // tests/functions/DotnetBootstrap: an executable named bootstrap running its own Runtime API loop, as a Native AOT function does.
        await DotnetFunctions.CreateAsync(fixture.Http, "own-bootstrap", "provided.al2023", "bootstrap", DotnetFunctions.BootstrapZip,
            new JsonObject { ["Timeout"] = 30 });

        var response = await fixture.Http.InvokeAsync("own-bootstrap", """{"name":"Fulmen"}""", logTail: true);
        Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
        Assert.Equal($$"""{"Message":"hello Fulmen","RequestId":"{{response.Header("x-amzn-RequestId")}}"}""", response.Body);
        Assert.Contains("\tinfo\tgreeting Fulmen\n", Decode(response.Header("X-Amz-Log-Result")), StringComparison.Ordinal);

        var failed = await fixture.Http.InvokeAsync("own-bootstrap", """{"name":"fail"}""");
        Assert.Equal("Unhandled", failed.Header("X-Amz-Function-Error"));
        Assert.Equal("InvalidOperationException", failed.Json.GetProperty("errorType").GetString());
        Assert.Equal("asked to fail", failed.Json.GetProperty("errorMessage").GetString());
    }

    private static string Decode(string? base64) => base64 is null ? "" : System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
}
