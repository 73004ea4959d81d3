using System.Net;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>The handler styles AWS's managed runtimes accept, on Fulmen's own Node.js and Python runtime clients.</summary>
[Trait("Backend", "Both")]
public sealed class RuntimeHandlerTests : IAsyncLifetime
{
    private FulmenServer _server = null!;
    private LambdaHttp _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FulmenServer.StartAsync();
        _http = new LambdaHttp(_server);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<LambdaHttp.Response> CreateAndInvokeAsync(string name, TestFunction function, string payload)
    {
        await new LambdaCli(_server).CreateAsync(name, function, "--timeout", "60", "--memory-size", "256");
        var response = await _http.InvokeAsync(name, payload);
        Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
        return response;
    }

    [Fact]
    public async Task Node_EsModuleWithTopLevelAwait_Runs()
    {
        var function = new TestFunction("nodejs22.x", "index.handler", new Dictionary<string, string>
        {
            ["index.mjs"] = """
                const prefix = await Promise.resolve('esm');
                export const handler = async (event) => ({ said: `${prefix}:${event.word}` });
                """,
        });
        var response = await CreateAndInvokeAsync("esm", function, """{"word":"hi"}""");
        Assert.Equal("esm:hi", response.Json.GetProperty("said").GetString());
    }

    [Fact]
    public async Task Node_CallbackHandlerWithContext_AnswersThroughCallback()
    {
        var function = new TestFunction("nodejs20.x", "lib/app.handler", new Dictionary<string, string>
        {
            ["lib/app.js"] = """
                exports.handler = (event, context, callback) => {
                  setTimeout(() => callback(null, {
                    doubled: event.n * 2,
                    requestId: context.awsRequestId,
                    functionName: context.functionName,
                    memory: context.memoryLimitInMB,
                    remainingPositive: context.getRemainingTimeInMillis() > 0,
                    arn: context.invokedFunctionArn,
                  }), 10);
                };
                """,
        });
        var response = await CreateAndInvokeAsync("callback", function, """{"n":21}""");
        var json = response.Json;
        Assert.Equal(42, json.GetProperty("doubled").GetInt32());
        Assert.Equal(response.Header("x-amzn-RequestId"), json.GetProperty("requestId").GetString());
        Assert.Equal("callback", json.GetProperty("functionName").GetString());
        Assert.Equal("256", json.GetProperty("memory").GetString());
        Assert.True(json.GetProperty("remainingPositive").GetBoolean());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:callback", json.GetProperty("arn").GetString());
    }

    [Fact]
    public async Task Python_NestedModuleHandlerWithContext_Runs()
    {
        var function = new TestFunction("python3.13", "pkg.mod.handler", new Dictionary<string, string>
        {
            ["pkg/__init__.py"] = "",
            ["pkg/mod.py"] = """
                import os
                def handler(event, context):
                    return {
                        "doubled": event["n"] * 2,
                        "requestId": context.aws_request_id,
                        "functionName": context.function_name,
                        "remainingPositive": context.get_remaining_time_in_millis() > 0,
                        "taskRoot": os.environ["LAMBDA_TASK_ROOT"] == os.getcwd(),
                    }
                """,
        });
        var response = await CreateAndInvokeAsync("nested", function, """{"n":5}""");
        var json = response.Json;
        Assert.Equal(10, json.GetProperty("doubled").GetInt32());
        Assert.Equal(response.Header("x-amzn-RequestId"), json.GetProperty("requestId").GetString());
        Assert.Equal("nested", json.GetProperty("functionName").GetString());
        Assert.True(json.GetProperty("remainingPositive").GetBoolean());
        Assert.True(json.GetProperty("taskRoot").GetBoolean());
    }

    [Fact]
    public async Task Python_ImportError_IsReportedAsAwsInitError()
    {
        var function = new TestFunction("python3.11", "app.handler", new Dictionary<string, string>
        {
            ["app.py"] = "import not_installed_anywhere\ndef handler(event, context):\n    return 1\n",
        });
        await new LambdaCli(_server).CreateAsync("broken", function);
        var response = await _http.InvokeAsync("broken", "{}");
        Assert.Equal("Unhandled", response.Header("X-Amz-Function-Error"));
        Assert.Equal("Runtime.ImportModuleError", response.Json.GetProperty("errorType").GetString());
        Assert.Contains("No module named 'not_installed_anywhere'", response.Json.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }
}
