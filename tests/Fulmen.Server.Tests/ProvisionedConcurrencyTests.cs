using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// Provisioned concurrency through the AWS CLI: environments started and initialised ahead of invokes for a published
/// version or an alias, READY once they are, used first by invokes (no Init Duration, initialisation type
/// <c>provisioned-concurrency</c>), with on-demand environments taking the overflow.
/// </summary>
[Trait("Backend", "Both")]
public sealed class ProvisionedConcurrencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private AwsCli Aws => fixture.Lambda.Aws;

    /// <summary>Answers with the initialisation type it sees; holds its environment for <c>event.hold</c> ms if asked.</summary>
    private static readonly TestFunction NodeInitType = TestFunctions.Node("""
        const initType = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
        exports.handler = async (event) => {
          if (event.hold) await new Promise((resolve) => setTimeout(resolve, event.hold));
          return { initType: process.env.AWS_LAMBDA_INITIALIZATION_TYPE, atInit: initType, name: event.name };
        };
        """);

    private static readonly TestFunction PythonInitType = TestFunctions.Python("""
        import os
        import time

        INIT_TYPE = os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE")

        def handler(event, context):
            if event.get("hold"):
                time.sleep(event["hold"] / 1000)
            return {"initType": os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE"), "atInit": INIT_TYPE, "name": event.get("name")}
        """);

    public static TheoryData<string> Runtimes => ["node", "python"];

    private static TestFunction InitType(string runtime) => runtime == "node" ? NodeInitType : PythonInitType;

    [Theory]
    [MemberData(nameof(Runtimes))]
    public async Task Put_OnPublishedVersion_ReadyAndFirstInvokeHasNoInitDuration(string runtime)
    {
        var name = $"pc-ready-{runtime}";
        await CreateAndPublishAsync(name, InitType(runtime));

        var put = (await Aws.SucceedAsync("lambda", "put-provisioned-concurrency-config", "--function-name", name,
            "--qualifier", "1", "--provisioned-concurrent-executions", "2")).Json;
        Assert.Equal(2, put.GetProperty("RequestedProvisionedConcurrentExecutions").GetInt32());
        Assert.Contains(put.GetProperty("Status").GetString(), new[] { "IN_PROGRESS", "READY" });
        Assert.True(put.TryGetProperty("LastModified", out _), put.ToString());

        var ready = await WaitForStatusAsync(name, "1", "READY");
        Assert.Equal(2, ready.GetProperty("AllocatedProvisionedConcurrentExecutions").GetInt32());
        Assert.Equal(2, ready.GetProperty("AvailableProvisionedConcurrentExecutions").GetInt32());
        Assert.False(ready.TryGetProperty("StatusReason", out _), ready.ToString());

        for (var i = 0; i < 3; i++)
        {
            var invoked = await InvokeAsync(name, "1", $$"""{"name":"call-{{i}}"}""");
            Assert.Null(invoked.FunctionError);
            Assert.Equal("provisioned-concurrency", invoked.PayloadJson.GetProperty("initType").GetString());
            Assert.Equal("provisioned-concurrency", invoked.PayloadJson.GetProperty("atInit").GetString());
            Assert.Equal($"call-{i}", invoked.PayloadJson.GetProperty("name").GetString());
            var report = ReportLine(invoked);
            Assert.DoesNotContain("Init Duration", report, StringComparison.Ordinal);
        }

        // $LATEST is not provisioned: its first invoke is an on-demand cold start.
        var latest = await InvokeAsync(name, "$LATEST", """{"name":"latest"}""");
        Assert.Equal("on-demand", latest.PayloadJson.GetProperty("initType").GetString());
        Assert.Contains("Init Duration", ReportLine(latest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_MoreAtOnceThanProvisioned_AllSucceedAndTheOverflowRunsOnDemand()
    {
        const string name = "pc-spill";
        await CreateAndPublishAsync(name, NodeInitType, "--timeout", "30");
        await Aws.SucceedAsync("lambda", "put-provisioned-concurrency-config", "--function-name", name,
            "--qualifier", "1", "--provisioned-concurrent-executions", "2");
        await WaitForStatusAsync(name, "1", "READY");

        // Each invoke holds its environment for two seconds, so the five overlap and two provisioned cannot serve all.
        var http = fixture.Http;
        await http.OpenConnectionsAsync(5);
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            http.InvokeAsync($"{name}:1", $$"""{"name":"spill-{{i}}","hold":2000}""", logTail: true)));

        Assert.All(responses, response => Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString()));
        var types = responses.Select(response => response.Json.GetProperty("initType").GetString()).ToList();
        Assert.InRange(types.Count(type => type == "provisioned-concurrency"), 1, 2);
        Assert.Contains("on-demand", types);
        foreach (var response in responses)
        {
            var provisioned = response.Json.GetProperty("initType").GetString() == "provisioned-concurrency";
            Assert.Equal(!provisioned, response.ReportLine().Contains("Init Duration", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Put_HandlerThrowsDuringInit_FailedWithReason()
    {
        const string name = "pc-init-fails";
        await CreateAndPublishAsync(name, TestFunctions.Node("""
            throw new Error('cannot start');
            exports.handler = async () => 'unreachable';
            """));
        await Aws.SucceedAsync("lambda", "put-provisioned-concurrency-config", "--function-name", name,
            "--qualifier", "1", "--provisioned-concurrent-executions", "1");

        var failed = await WaitForStatusAsync(name, "1", "FAILED");
        Assert.Equal("FUNCTION_ERROR_INIT_FAILURE", failed.GetProperty("StatusReason").GetString());
        Assert.Equal(0, failed.GetProperty("AllocatedProvisionedConcurrentExecutions").GetInt32());
    }

    [Fact]
    public async Task ProvisionedConfigs_OnAliasAndVersion_ListConflictAndDelete()
    {
        const string name = "pc-alias";
        await CreateAndPublishAsync(name, TestFunctions.NodeEcho);
        await Aws.SucceedAsync("lambda", "create-alias", "--function-name", name, "--name", "live", "--function-version", "1");

        await Aws.SucceedAsync("lambda", "put-provisioned-concurrency-config", "--function-name", name,
            "--qualifier", "live", "--provisioned-concurrent-executions", "1");
        var conflict = await Aws.RunAsync("lambda", "put-provisioned-concurrency-config", "--function-name", name,
            "--qualifier", "1", "--provisioned-concurrent-executions", "1");
        LambdaCli.AssertServiceError(conflict, "ResourceConflictException", "PutProvisionedConcurrencyConfig",
            "Version is pointed by a Provisioned Concurrency alias");
        await WaitForStatusAsync(name, "live", "READY");

        var list = (await Aws.SucceedAsync("lambda", "list-provisioned-concurrency-configs", "--function-name", name)).Json;
        var item = Assert.Single(list.GetProperty("ProvisionedConcurrencyConfigs").EnumerateArray());
        Assert.Equal($"arn:aws:lambda:us-east-1:000000000000:function:{name}:live", item.GetProperty("FunctionArn").GetString());
        Assert.Equal(1, item.GetProperty("RequestedProvisionedConcurrentExecutions").GetInt32());
        Assert.Equal("READY", item.GetProperty("Status").GetString());

        var invoked = await InvokeAsync(name, "live", """{"name":"through-alias"}""");
        Assert.DoesNotContain("Init Duration", ReportLine(invoked), StringComparison.Ordinal);

        await Aws.SucceedAsync("lambda", "delete-provisioned-concurrency-config", "--function-name", name, "--qualifier", "live");
        var gone = await Aws.RunAsync("lambda", "get-provisioned-concurrency-config", "--function-name", name, "--qualifier", "live");
        LambdaCli.AssertServiceError(gone, "ProvisionedConcurrencyConfigNotFoundException", "GetProvisionedConcurrencyConfig",
            "No Provisioned Concurrency Config found for this function");
        var empty = (await Aws.SucceedAsync("lambda", "list-provisioned-concurrency-configs", "--function-name", name)).Json;
        Assert.Empty(empty.GetProperty("ProvisionedConcurrencyConfigs").EnumerateArray());

        // A deleted alias takes its config along: the same name created again has none.
        await Aws.SucceedAsync("lambda", "put-provisioned-concurrency-config", "--function-name", name,
            "--qualifier", "live", "--provisioned-concurrent-executions", "1");
        await Aws.SucceedAsync("lambda", "delete-alias", "--function-name", name, "--name", "live");
        await Aws.SucceedAsync("lambda", "create-alias", "--function-name", name, "--name", "live", "--function-version", "1");
        LambdaCli.AssertServiceError(
            await Aws.RunAsync("lambda", "get-provisioned-concurrency-config", "--function-name", name, "--qualifier", "live"),
            "ProvisionedConcurrencyConfigNotFoundException", "GetProvisionedConcurrencyConfig", "No Provisioned Concurrency Config found for this function");
    }

    [Fact]
    public async Task Put_OnWeightedAlias_BothVersionsProvisionedByWeight()
    {
        const string name = "pc-weighted";
        await CreateAndPublishAsync(name, NodeInitType);
        await Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", name, "--description", "second");
        Assert.Equal("2", (await Aws.SucceedAsync("lambda", "publish-version", "--function-name", name)).Json.GetProperty("Version").GetString());
        await Aws.SucceedAsync("lambda", "create-alias", "--function-name", name, "--name", "canary", "--function-version", "1",
            "--routing-config", "AdditionalVersionWeights={2=0.5}");

        await Aws.SucceedAsync("lambda", "put-provisioned-concurrency-config", "--function-name", name,
            "--qualifier", "canary", "--provisioned-concurrent-executions", "2");
        var ready = await WaitForStatusAsync(name, "canary", "READY");
        Assert.Equal(2, ready.GetProperty("AllocatedProvisionedConcurrentExecutions").GetInt32());

        // One environment of each version is ready ahead of its first invoke.
        foreach (var version in new[] { "1", "2" })
        {
            var invoked = await InvokeAsync(name, version, """{"name":"weighted"}""");
            Assert.Equal("provisioned-concurrency", invoked.PayloadJson.GetProperty("initType").GetString());
            Assert.DoesNotContain("Init Duration", ReportLine(invoked), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProvisionedConfigs_InvalidRequests_RefusedAsAws()
    {
        const string name = "pc-invalid";
        await CreateAndPublishAsync(name, TestFunctions.NodeEcho);
        var arn = $"arn:aws:lambda:us-east-1:000000000000:function:{name}";

        LambdaCli.AssertServiceError(await Put(name, "$LATEST", 1), "InvalidParameterValueException", "PutProvisionedConcurrencyConfig",
            "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        LambdaCli.AssertServiceError(
            await Aws.RunAsync("lambda", "get-provisioned-concurrency-config", "--function-name", name, "--qualifier", "$LATEST"),
            "InvalidParameterValueException", "GetProvisionedConcurrencyConfig", "The function resource provided must be an alias or a published version.");
        LambdaCli.AssertServiceError(await Put(name, "7", 1), "ResourceNotFoundException", "PutProvisionedConcurrencyConfig",
            $"Function not found: {arn}:7");
        LambdaCli.AssertServiceError(await Put(name, "nosuchalias", 1), "ResourceNotFoundException", "PutProvisionedConcurrencyConfig",
            $"Cannot find alias arn: {arn}:nosuchalias");
        LambdaCli.AssertServiceError(await Put("pc-no-such-function", "1", 1), "ResourceNotFoundException", "PutProvisionedConcurrencyConfig",
            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:pc-no-such-function");
        LambdaCli.AssertServiceError(
            await fixture.Lambda.Unvalidated.RunAsync("lambda", "put-provisioned-concurrency-config", "--function-name", name,
                "--qualifier", "1", "--provisioned-concurrent-executions", "0"),
            "ValidationException", "PutProvisionedConcurrencyConfig",
            "1 validation error detected: Value '0' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1");
        LambdaCli.AssertServiceError(
            await Aws.RunAsync("lambda", "get-provisioned-concurrency-config", "--function-name", name, "--qualifier", "1"),
            "ProvisionedConcurrencyConfigNotFoundException", "GetProvisionedConcurrencyConfig", "No Provisioned Concurrency Config found for this function");

        // Reserved concurrency bounds the function's provisioned concurrency, both ways round.
        await Aws.SucceedAsync("lambda", "put-function-concurrency", "--function-name", name, "--reserved-concurrent-executions", "1");
        LambdaCli.AssertServiceError(await Put(name, "1", 2), "InvalidParameterValueException", "PutProvisionedConcurrencyConfig",
            "Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function");
        await Aws.SucceedAsync("lambda", "put-provisioned-concurrency-config", "--function-name", name,
            "--qualifier", "1", "--provisioned-concurrent-executions", "1");
        LambdaCli.AssertServiceError(
            await Aws.RunAsync("lambda", "put-function-concurrency", "--function-name", name, "--reserved-concurrent-executions", "0"),
            "InvalidParameterValueException", "PutFunctionConcurrency",
            "ReservedConcurrentExecutions  0 should not be lower than function's total provisioned concurrency [1].");
        await Aws.SucceedAsync("lambda", "delete-provisioned-concurrency-config", "--function-name", name, "--qualifier", "1");

        // The unreserved pool keeps its minimum of 100 out of the account's 1,000.
        await Aws.SucceedAsync("lambda", "delete-function-concurrency", "--function-name", name);
        LambdaCli.AssertServiceError(await Put(name, "1", 901), "InvalidParameterValueException", "PutProvisionedConcurrencyConfig",
            "Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].");
    }

    private Task<AwsCli.Result> Put(string name, string qualifier, int count) =>
        Aws.RunAsync("lambda", "put-provisioned-concurrency-config", "--function-name", name, "--qualifier", qualifier,
            "--provisioned-concurrent-executions", $"{count}");

    private async Task CreateAndPublishAsync(string name, TestFunction function, params string[] extraArguments)
    {
        await fixture.Lambda.CreateAsync(name, function, extraArguments);
        var published = (await Aws.SucceedAsync("lambda", "publish-version", "--function-name", name)).Json;
        Assert.Equal("1", published.GetProperty("Version").GetString());
    }

    private async Task<CliInvocation> InvokeAsync(string name, string qualifier, string payload)
    {
        var output = Path.Combine(fixture.Lambda.Files, $"invoke-{Guid.NewGuid():N}.json");
        var result = await Aws.SucceedAsync("lambda", "invoke", "--function-name", name, "--qualifier", qualifier,
            "--cli-binary-format", "raw-in-base64-out", "--payload", payload, "--log-type", "Tail", output);
        return new CliInvocation(result.Json, await File.ReadAllTextAsync(output));
    }

    private static string ReportLine(CliInvocation invocation) =>
        invocation.Log!.Split('\n').Single(line => line.StartsWith("REPORT RequestId: ", StringComparison.Ordinal));

    /// <summary>Asks for the config until it shows <paramref name="status"/> (each CLI call paces the next); fails on another final status.</summary>
    private async Task<JsonElement> WaitForStatusAsync(string name, string qualifier, string status)
    {
        var guard = Stopwatch.StartNew();
        JsonElement config;
        do
        {
            config = (await Aws.SucceedAsync("lambda", "get-provisioned-concurrency-config", "--function-name", name, "--qualifier", qualifier)).Json;
            var now = config.GetProperty("Status").GetString();
            if (now == status)
            {
                return config;
            }
            Assert.True(now == "IN_PROGRESS", $"expected {status}, got {config}");
        }
        while (guard.Elapsed < TimeSpan.FromSeconds(90));
        throw new Xunit.Sdk.XunitException($"still not {status} after 90 s: {config}");
    }
}
