using System.Diagnostics;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Provisioned environments over their life: started again after a restart without waiting for an invoke, replaced
/// when one dies, and stopped when their function goes. Each test has a server of its own, so that the processes it
/// finds running are its function's.
/// </summary>
[Trait("Backend", "Both")]
public sealed class ProvisionedConcurrencyLifecycleTests
{
    /// <summary>Answers with its initialisation type; exits the runtime when the event says <c>die</c>.</summary>
    private static readonly TestFunction NodeMortal = TestFunctions.Node("""
        exports.handler = async (event) => {
          if (event.die) process.exit(3);
          return { initType: process.env.AWS_LAMBDA_INITIALIZATION_TYPE };
        };
        """);

    [Fact]
    public async Task Restart_WithProvisionedVersion_EnvironmentsStartAgainBeforeAnyInvoke()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        await ProvisionAsync(lambda, "pc-restart", NodeMortal, count: 2);

        Assert.Equal(0, await server.StopAsync());
        await server.RestartAsync();

        var ready = await WaitForStatusAsync(lambda.Aws, "pc-restart", "1", "READY");
        Assert.Equal(2, ready.GetProperty("AllocatedProvisionedConcurrentExecutions").GetInt32());
        Assert.NotEmpty(server.ProcessesStartedByServer());
        var invoked = await InvokeAsync(lambda, "pc-restart", "{}");
        Assert.Equal("provisioned-concurrency", invoked.PayloadJson.GetProperty("initType").GetString());
        Assert.DoesNotContain("Init Duration", invoked.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_ProvisionedRuntimeExits_ReplacedInTheBackground()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        await ProvisionAsync(lambda, "pc-replace", NodeMortal, count: 1);

        var died = await InvokeAsync(lambda, "pc-replace", """{"die":true}""");
        Assert.Equal("Unhandled", died.FunctionError);
        Assert.Contains("Runtime.ExitError", died.Payload, StringComparison.Ordinal);

        // The replacement is provisioned ahead of the next invoke: no Init Duration, provisioned-concurrency inside.
        await WaitForAllocatedAsync(lambda.Aws, "pc-replace", "1", 1);
        var next = await InvokeAsync(lambda, "pc-replace", "{}");
        Assert.Null(next.FunctionError);
        Assert.Equal("provisioned-concurrency", next.PayloadJson.GetProperty("initType").GetString());
        Assert.DoesNotContain("Init Duration", next.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ConfigThenFunction_ProvisionedEnvironmentsStop()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        await ProvisionAsync(lambda, "pc-stop", NodeMortal, count: 2);
        Assert.NotEmpty(server.ProcessesStartedByServer());

        await lambda.Aws.SucceedAsync("lambda", "delete-provisioned-concurrency-config", "--function-name", "pc-stop", "--qualifier", "1");
        await WaitForNoProcessesAsync(server);

        await lambda.Aws.SucceedAsync("lambda", "put-provisioned-concurrency-config", "--function-name", "pc-stop",
            "--qualifier", "1", "--provisioned-concurrent-executions", "1");
        await WaitForStatusAsync(lambda.Aws, "pc-stop", "1", "READY");
        Assert.NotEmpty(server.ProcessesStartedByServer());
        await lambda.Aws.SucceedAsync("lambda", "delete-function", "--function-name", "pc-stop");
        await WaitForNoProcessesAsync(server);
    }

    private static async Task ProvisionAsync(LambdaCli lambda, string name, TestFunction function, int count)
    {
        await lambda.CreateAsync(name, function);
        await lambda.Aws.SucceedAsync("lambda", "publish-version", "--function-name", name);
        await lambda.Aws.SucceedAsync("lambda", "put-provisioned-concurrency-config", "--function-name", name,
            "--qualifier", "1", "--provisioned-concurrent-executions", $"{count}");
        await WaitForStatusAsync(lambda.Aws, name, "1", "READY");
    }

    private static async Task<CliInvocation> InvokeAsync(LambdaCli lambda, string name, string payload)
    {
        var output = Path.Combine(lambda.Files, $"invoke-{Guid.NewGuid():N}.json");
        var result = await lambda.Aws.SucceedAsync("lambda", "invoke", "--function-name", name, "--qualifier", "1",
            "--cli-binary-format", "raw-in-base64-out", "--payload", payload, "--log-type", "Tail", output);
        return new CliInvocation(result.Json, await File.ReadAllTextAsync(output));
    }

    /// <summary>Asks for the config until it shows <paramref name="status"/>; each CLI call paces the next.</summary>
    private static Task<JsonElement> WaitForStatusAsync(AwsCli aws, string name, string qualifier, string status) =>
        WaitForConfigAsync(aws, name, qualifier, config => config.GetProperty("Status").GetString() == status, $"status {status}");

    private static Task<JsonElement> WaitForAllocatedAsync(AwsCli aws, string name, string qualifier, int allocated) =>
        WaitForConfigAsync(aws, name, qualifier,
            config => config.GetProperty("AllocatedProvisionedConcurrentExecutions").GetInt32() == allocated, $"{allocated} allocated");

    private static async Task<JsonElement> WaitForConfigAsync(AwsCli aws, string name, string qualifier, Func<JsonElement, bool> done, string what)
    {
        var guard = Stopwatch.StartNew();
        JsonElement config;
        do
        {
            config = (await aws.SucceedAsync("lambda", "get-provisioned-concurrency-config", "--function-name", name, "--qualifier", qualifier)).Json;
            if (done(config))
            {
                return config;
            }
        }
        while (guard.Elapsed < TimeSpan.FromSeconds(90));
        throw new Xunit.Sdk.XunitException($"not {what} after 90 s: {config}");
    }

    private static async Task WaitForNoProcessesAsync(FulmenServer server)
    {
        var guard = Stopwatch.StartNew();
        while (server.ProcessesStartedByServer().Count > 0)
        {
            Assert.True(guard.Elapsed < TimeSpan.FromSeconds(30),
                $"still running after 30 s:\n{string.Join('\n', Processes.StartedBy(server))}");
            await Task.Delay(100);
        }
    }
}
