using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.AwsLibraries;

/// <summary>
/// Executable-assembly functions (the handler is only the assembly name; Main runs its own Runtime API loop with
/// AWS's Amazon.Lambda.RuntimeSupport, here its stand-in): tests/functions/AwsExecutable, a net8.0 program, deployed
/// unchanged with the AWS CLI on dotnet8 and dotnet10, with and without pre-started hosts.
/// </summary>
public sealed class AwsExecutableTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static string[] CreateArguments(string name, string runtime, string handler = "AwsExecutable") =>
    [
        "lambda", "create-function", "--function-name", name, "--runtime", runtime, "--handler", handler,
        "--role", TestFunctions.Role, "--timeout", "30", "--zip-file", $"fileb://{DotnetFunctions.AwsExecutableZip}",
    ];

    [Theory]
    [InlineData("aws-exe-8", "dotnet8")]
    [InlineData("aws-exe-10", "dotnet10")]
    public async Task ExecutableAssembly_RunsItsOwnBootstrapLoop(string name, string runtime)
    {
        await fixture.Lambda.Aws.SucceedAsync(CreateArguments(name, runtime));
        await AssertAnswersAsync(fixture.Lambda, name);
    }

    [Fact]
    public async Task ExecutableAssembly_HandlerWithDll_RunsTheSame()
    {
        await fixture.Lambda.Aws.SucceedAsync(CreateArguments("aws-exe-dll", "dotnet10", "AwsExecutable.dll"));
        var invocation = await fixture.Lambda.InvokeAsync("aws-exe-dll", """{"id":"o-9","quantity":1}""");
        Assert.Equal(5, invocation.PayloadJson.GetProperty("Total").GetInt32());
    }

    [Fact]
    public async Task ExecutableAssembly_Missing_FailsInitWithAClearMessage()
    {
        await fixture.Lambda.Aws.SucceedAsync(CreateArguments("aws-exe-missing", "dotnet10", "Nowhere"));
        var invocation = await fixture.Lambda.InvokeAsync("aws-exe-missing", "{}", logTail: true);
        Assert.Equal("Unhandled", invocation.FunctionError);
        Assert.Equal("LambdaValidationException", invocation.PayloadJson.GetProperty("errorType").GetString());
        const string message = "Could not find the specified handler assembly with the file name 'Nowhere, Culture=neutral, PublicKeyToken=null'. The assembly should be located in the root of your uploaded .zip file.";
        Assert.Equal(message, invocation.PayloadJson.GetProperty("errorMessage").GetString());
        Assert.Contains(message, invocation.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutableAssembly_TakesOverAPrestartedHost()
    {
        await using var server = await FulmenServer.StartAsync("--prewarmed-dotnet-hosts", "1");
        var lambda = new LambdaCli(server);
        await lambda.Aws.SucceedAsync(CreateArguments("aws-exe-prewarmed", "dotnet8"));
        await AssertAnswersAsync(lambda, "aws-exe-prewarmed");
    }

    private static async Task AssertAnswersAsync(LambdaCli lambda, string name)
    {
        for (var i = 0; i < 2; i++)
        {
            var invocation = await lambda.InvokeAsync(name, """{"id":"o-1","quantity":3}""", logTail: true);
            Assert.True(invocation.FunctionError is null, invocation.Payload);
            var receipt = invocation.PayloadJson;
            Assert.Equal("o-1", receipt.GetProperty("Id").GetString());
            Assert.Equal(15, receipt.GetProperty("Total").GetInt32());
            // A net8.0 program runs on the machine's .NET 10, as class libraries do.
            Assert.Equal(Environment.Version.Major, receipt.GetProperty("Runtime").GetInt32());
            var requestId = receipt.GetProperty("RequestId").GetString();
            Assert.True(invocation.Log!.Contains($"\t{requestId}\tinfo\torder o-1 in {name}\n", StringComparison.Ordinal), invocation.Log);
        }

        var failed = await lambda.InvokeAsync(name, """{"id":"o-2","quantity":0}""");
        Assert.Equal("Unhandled", failed.FunctionError);
        Assert.Equal("ArgumentOutOfRangeException", failed.PayloadJson.GetProperty("errorType").GetString());
        Assert.StartsWith("quantity must be positive", failed.PayloadJson.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }
}
