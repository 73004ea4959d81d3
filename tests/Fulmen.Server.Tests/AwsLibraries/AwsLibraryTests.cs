using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.AwsLibraries;

/// <summary>
/// C# functions written for AWS Lambda against AWS's own libraries (Amazon.Lambda.Core, .Serialization.SystemTextJson,
/// the events packages; here their test stand-ins in tests/functions/aws-standins), built for net8.0, zipped as for
/// AWS and deployed unchanged with the AWS CLI: the host binds to the function's own copies of those assemblies.
/// </summary>
public sealed class AwsLibraryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private async Task CreateAsync(string name, string runtime, string handler) =>
        await fixture.Lambda.Aws.SucceedAsync(
            "lambda", "create-function", "--function-name", name, "--runtime", runtime, "--handler", handler,
            "--role", TestFunctions.Role, "--timeout", "30", "--zip-file", $"fileb://{DotnetFunctions.AwsHandlersZip}");

    [Theory]
    [InlineData("aws-context-8", "dotnet8")]
    [InlineData("aws-context-10", "dotnet10")]
    public async Task ContextAndLoggers_AreTheFunctionsOwnAmazonLambdaCore(string name, string runtime)
    {
        await CreateAsync(name, runtime, "AwsHandlers::AwsHandlers.ContextFunction::Describe");
        var invocation = await fixture.Lambda.InvokeAsync(name, """{"name":"ada"}""", logTail: true);
        Assert.True(invocation.FunctionError is null, invocation.Payload);
        var result = invocation.PayloadJson;
        Assert.Equal("ada", result.GetProperty("input").GetString());
        Assert.Equal(name, result.GetProperty("functionName").GetString());
        Assert.Equal("$LATEST", result.GetProperty("functionVersion").GetString());
        Assert.EndsWith($":function:{name}", result.GetProperty("invokedFunctionArn").GetString(), StringComparison.Ordinal);
        Assert.Equal("128", result.GetProperty("memoryLimitInMB").GetString());
        Assert.Equal($"/aws/lambda/{name}", result.GetProperty("logGroupName").GetString());
        Assert.Equal("True", result.GetProperty("hasRemainingTime").GetString());
        Assert.Equal("Amazon.Lambda.Core", result.GetProperty("contextType").GetString());

        // Every logger of AWS's library writes entries carrying the request id and the level.
        var requestId = result.GetProperty("requestId").GetString();
        var log = invocation.Log!;
        Assert.Contains($"\t{requestId}\tinfo\tline from LogLine\n", log, StringComparison.Ordinal);
        Assert.Contains($"\t{requestId}\tinfo\tinformation from LogInformation\n", log, StringComparison.Ordinal);
        Assert.Contains($"\t{requestId}\twarn\twarning from LogWarning\n", log, StringComparison.Ordinal);
        Assert.Contains($"\t{requestId}\tfail\torder o-17 failed after 3 tries\n", log, StringComparison.Ordinal);
        Assert.Contains($"\t{requestId}\tinfo\tstatic from LambdaLogger\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_Throws_ReportsTheExceptionAsAwsDoes()
    {
        await CreateAsync("aws-fail", "dotnet10", "AwsHandlers::AwsHandlers.ContextFunction::Fail");
        var invocation = await fixture.Lambda.InvokeAsync("aws-fail", """{"name":"ada"}""");
        Assert.Equal("Unhandled", invocation.FunctionError);
        Assert.Equal("InvalidOperationException", invocation.PayloadJson.GetProperty("errorType").GetString());
        Assert.Equal("asked to fail: ada", invocation.PayloadJson.GetProperty("errorMessage").GetString());
    }
}
