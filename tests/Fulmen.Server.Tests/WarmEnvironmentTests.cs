using System.Net;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>Which changes keep a function's warm environment and which retire it, seen in the REPORT line's Init Duration.</summary>
public sealed class WarmEnvironmentTests
{
    [Fact]
    public async Task Invoke_AfterTagResource_ReusesWarmEnvironment()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        using var http = new LambdaHttp(server);
        var arn = (await http.CreateFunctionAsync("tagged", TestFunctions.ProvidedEcho)).Json.GetProperty("FunctionArn").GetString()!;
        Assert.Contains("Init Duration", await ReportLineAsync(http, "tagged"), StringComparison.Ordinal);

        // Tags are metadata: the code and configuration the environment runs are the same.
        await lambda.Aws.SucceedAsync("lambda", "tag-resource", "--resource", arn, "--tags", "team=fulmen");

        Assert.DoesNotContain("Init Duration", await ReportLineAsync(http, "tagged"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_AfterAddPermission_ReusesWarmEnvironment()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        using var http = new LambdaHttp(server);
        await http.CreateFunctionAsync("permitted", TestFunctions.ProvidedEcho);
        Assert.Contains("Init Duration", await ReportLineAsync(http, "permitted"), StringComparison.Ordinal);

        // A policy change gives the function a new RevisionId, but what the environment runs is unchanged.
        await lambda.Aws.SucceedAsync("lambda", "add-permission", "--function-name", "permitted", "--statement-id", "s3",
            "--action", "lambda:InvokeFunction", "--principal", "s3.amazonaws.com");

        Assert.DoesNotContain("Init Duration", await ReportLineAsync(http, "permitted"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_AfterUpdateFunctionConfiguration_StartsNewEnvironment()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        using var http = new LambdaHttp(server);
        await http.CreateFunctionAsync("reconfigured", TestFunctions.ProvidedEcho);
        Assert.Contains("Init Duration", await ReportLineAsync(http, "reconfigured"), StringComparison.Ordinal);
        Assert.DoesNotContain("Init Duration", await ReportLineAsync(http, "reconfigured"), StringComparison.Ordinal);

        await lambda.Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", "reconfigured", "--environment", "Variables={MODE=new}");

        Assert.Contains("Init Duration", await ReportLineAsync(http, "reconfigured"), StringComparison.Ordinal);
    }

    private static async Task<string> ReportLineAsync(LambdaHttp http, string function)
    {
        var response = await http.InvokeAsync(function, "{}", logTail: true);
        Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
        return response.ReportLine();
    }
}
