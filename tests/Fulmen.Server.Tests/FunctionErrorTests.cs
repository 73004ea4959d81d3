using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Functions that fail: the invoke still succeeds (200) and carries <c>X-Amz-Function-Error: Unhandled</c>
/// with the error as the body, through the CLI and over raw HTTP.
/// </summary>
public sealed class FunctionErrorTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LambdaCli Lambda => fixture.Lambda;
    private LambdaHttp Http => fixture.Http;

    public static TheoryData<string, string, string> ThrowingHandlers => new()
    {
        // runtime key, error type thrown, the source file the stack trace must name
        { "nodejs", "TypeError", "index.js" },
        { "python", "ValueError", "app.py" },
    };

    [Theory]
    [MemberData(nameof(ThrowingHandlers))]
    public async Task Invoke_HandlerThrows_UnhandledWithErrorTypeMessageAndStackTrace(string runtime, string errorType, string sourceFile)
    {
        var function = $"throws-{runtime}";
        await Http.CreateFunctionAsync(function, runtime == "nodejs" ? TestFunctions.NodeThrows : TestFunctions.PythonThrows);
        var name = $"Grace-{Guid.NewGuid():N}"[..14];
        var payload = JsonSerializer.Serialize(new { name });

        var cli = await Lambda.InvokeAsync(function, payload);
        Assert.Equal(200, cli.Metadata.GetProperty("StatusCode").GetInt32());
        Assert.Equal("Unhandled", cli.FunctionError);
        AssertErrorBody(cli.PayloadJson, errorType, $"cannot handle {name}", sourceFile);

        var response = await Http.InvokeAsync(function, payload);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Unhandled", response.Header("X-Amz-Function-Error"));
        AssertErrorBody(response.Json, errorType, $"cannot handle {name}", sourceFile);
    }

    [Fact]
    public async Task Invoke_FunctionSleepsPastTimeout_SandboxTimedout()
    {
        await Http.CreateFunctionAsync("sleeps-past-timeout", TestFunctions.ProvidedSleeper("30"), new JsonObject { ["Timeout"] = 1 });

        var cli = await Lambda.InvokeAsync("sleeps-past-timeout", "{}");
        Assert.Equal(200, cli.Metadata.GetProperty("StatusCode").GetInt32());
        Assert.Equal("Unhandled", cli.FunctionError);
        AssertTimedOut(cli.PayloadJson);

        // The answer comes at the timeout, not when the function would have finished.
        var clock = Stopwatch.StartNew();
        var response = await Http.InvokeAsync("sleeps-past-timeout", "{}");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Unhandled", response.Header("X-Amz-Function-Error"));
        AssertTimedOut(response.Json);

        // A timed-out environment is stopped, with everything its runtime started.
        Assert.DoesNotContain(Processes.StartedBy(fixture.Server), command => command.Contains("sleep 30", StringComparison.Ordinal));

        static void AssertTimedOut(JsonElement error)
        {
            Assert.Equal("Sandbox.Timedout", error.GetProperty("errorType").GetString());
            Assert.EndsWith("Task timed out after 1.00 seconds", error.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Invoke_BootstrapExitsDuringInit_RuntimeExitError()
    {
        await Http.CreateFunctionAsync("exits-during-init", TestFunctions.ProvidedExitingDuringInit(3));

        var cli = await Lambda.InvokeAsync("exits-during-init", "{}");
        Assert.Equal(200, cli.Metadata.GetProperty("StatusCode").GetInt32());
        Assert.Equal("Unhandled", cli.FunctionError);
        AssertExited(cli.PayloadJson);

        // Every invoke retries init in a new environment, and fails the same way.
        var response = await Http.InvokeAsync("exits-during-init", "{}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Unhandled", response.Header("X-Amz-Function-Error"));
        AssertExited(response.Json);
        Assert.Contains(response.Header("x-amzn-RequestId")!, response.Json.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);

        static void AssertExited(JsonElement error)
        {
            Assert.Equal("Runtime.ExitError", error.GetProperty("errorType").GetString());
            Assert.EndsWith("Error: Runtime exited with error: exit status 3", error.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        }
    }

    private static void AssertErrorBody(JsonElement error, string errorType, string errorMessage, string sourceFile)
    {
        Assert.Equal(errorType, error.GetProperty("errorType").GetString());
        Assert.Equal(errorMessage, error.GetProperty("errorMessage").GetString());
        var stackTrace = error.GetProperty("stackTrace").EnumerateArray().Select(frame => frame.GetString()!).ToList();
        Assert.Contains(stackTrace, frame => frame.Contains(sourceFile, StringComparison.Ordinal));
    }
}
