using System.Diagnostics;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>Fulmen's own command line (<c>fulmen functions|invoke|logs|mappings</c>) against a running server.</summary>
public sealed class CliTests
{
    private static Task CreateEchoFunctionAsync(FulmenServer server, string name) =>
        new LambdaCli(server).CreateAsync(name, TestFunctions.ProvidedEcho);

    [Fact]
    public async Task FunctionsAndInvoke_AgainstRunningServer_PrintReadableOutput()
    {
        await using var server = await FulmenServer.StartAsync();
        var empty = await FulmenCli.RunAsync("functions", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("No functions yet", empty.StandardOutput, StringComparison.Ordinal);

        await CreateEchoFunctionAsync(server, "echo");
        var listed = await FulmenCli.RunAsync("functions", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, listed.ExitCode);
        var lines = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^echo\s+provided\.al2023\s+128 MB\s+3 s\s+\d{4}-", lines[1]);

        var invoked = await FulmenCli.RunAsync("invoke", "echo", "--payload", """{"n":7}""", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, invoked.ExitCode);
        Assert.Equal("""{"echo":{"n":7}}""", invoked.StandardOutput.Trim());
        Assert.Contains("START RequestId:", invoked.StandardError, StringComparison.Ordinal);
        Assert.Contains("REPORT RequestId:", invoked.StandardError, StringComparison.Ordinal);

        var eventFile = Path.Combine(server.DataDirectory, "event.json");
        await File.WriteAllTextAsync(eventFile, """{"from":"file"}""");
        var fromFile = await FulmenCli.RunAsync("invoke", "echo", "--payload", "@" + eventFile, "--endpoint-url", server.Endpoint);
        Assert.Equal("""{"echo":{"from":"file"}}""", fromFile.StandardOutput.Trim());
    }

    [Fact]
    public async Task Mappings_TableAndJson_ShowFunctionSourceStateBatchAndLastResult()
    {
        await using var server = await FulmenServer.StartAsync();
        var empty = await FulmenCli.RunAsync("mappings", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("No event source mappings yet", empty.StandardOutput, StringComparison.Ordinal);

        var lambda = new LambdaCli(server);
        await CreateEchoFunctionAsync(server, "mapped");
        const string Queue = "arn:aws:sqs:us-east-1:000000000000:orders";
        await lambda.Aws.SucceedAsync("sqs", "create-queue", "--queue-name", "orders");
        var created = (await lambda.Aws.SucceedAsync("lambda", "create-event-source-mapping", "--function-name", "mapped",
            "--event-source-arn", Queue, "--batch-size", "7", "--no-enabled")).Json;
        var uuid = created.GetProperty("UUID").GetString()!;

        var table = await FulmenCli.RunAsync("mappings", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, table.ExitCode);
        var lines = table.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^UUID\s+FUNCTION\s+SOURCE\s+STATE\s+BATCH\s+IN FLIGHT\s+LAST RESULT", lines[0]);
        Assert.Matches($@"^{uuid}\s+mapped\s+{Queue}\s+(Creating|Disabled)\s+7\s+0\s", lines[1]);

        var json = await FulmenCli.RunAsync("mappings", "--json", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, json.ExitCode);
        using var document = System.Text.Json.JsonDocument.Parse(json.StandardOutput);
        Assert.Equal(uuid, document.RootElement.GetProperty("EventSourceMappings")[0].GetProperty("UUID").GetString());
        Assert.Equal(0, document.RootElement.GetProperty("EventSourceMappings")[0].GetProperty("Metrics").GetProperty("PolledEventCount").GetInt64());
    }

    [Fact]
    public async Task FunctionsAndInvoke_VersionsAndAliases_ShownAndInvokable()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        await lambda.CreateAsync("aliased", TestFunctions.ProvidedEcho, "--publish");
        await lambda.Aws.SucceedAsync("lambda", "update-function-configuration", "--function-name", "aliased", "--timeout", "5");
        await lambda.Aws.SucceedAsync("lambda", "publish-version", "--function-name", "aliased");
        await lambda.Aws.SucceedAsync("lambda", "create-alias", "--function-name", "aliased", "--name", "live", "--function-version", "1",
            "--routing-config", "AdditionalVersionWeights={2=0.25}");

        var listed = await FulmenCli.RunAsync("functions", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, listed.ExitCode);
        var lines = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"VERSIONS\s+ALIASES$", lines[0]);
        Assert.Matches(@"^aliased\s.*\s1, 2\s+live=1 \(2: 25%\)$", lines[1]);

        var invoked = await FulmenCli.RunAsync("invoke", "aliased:live", "--payload", """{"n":1}""", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, invoked.ExitCode);
        Assert.Equal("""{"echo":{"n":1}}""", invoked.StandardOutput.Trim());
        Assert.Matches(@"Executed version: [12]", invoked.StandardError);
    }

    [Fact]
    public async Task Invoke_UnknownFunctionOrNoServer_ExitsOneWithOneClearLine()
    {
        await using var server = await FulmenServer.StartAsync();
        var missing = await FulmenCli.RunAsync("invoke", "nope", "--endpoint-url", server.Endpoint);
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("fulmen: ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope", missing.StandardError.Trim());

        var unreachable = await FulmenCli.RunAsync("functions", "--endpoint-url", "http://127.0.0.1:9");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.StartsWith("fulmen: cannot reach a Fulmen server at http://127.0.0.1:9", unreachable.StandardError.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_AfterInvocations_PrintsStreamAndFollowShowsNewLines()
    {
        await using var server = await FulmenServer.StartAsync();
        await CreateEchoFunctionAsync(server, "logged");
        var first = await FulmenCli.RunAsync("invoke", "logged", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, first.ExitCode);

        var logs = await FulmenCli.RunAsync("logs", "logged", "--endpoint-url", server.Endpoint);
        Assert.Equal(0, logs.ExitCode);
        Assert.Matches(@"\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32} START RequestId: ", logs.StandardOutput);
        Assert.Contains("handling ", logs.StandardOutput, StringComparison.Ordinal);

        // FULMEN_ENDPOINT stands in for --endpoint-url.
        var start = FulmenCli.Command("logs", "logged", "--follow");
        start.Environment["FULMEN_ENDPOINT"] = server.Endpoint;
        using var follower = Process.Start(start)!;
        try
        {
            var second = await FulmenCli.RunAsync("invoke", "logged", "--payload", """{"second":true}""", "--endpoint-url", server.Endpoint);
            Assert.Equal(0, second.ExitCode);
            var secondRequestId = second.StandardError.Split('\n')[0].Split("RequestId: ")[1].Split(' ')[0];
            var seen = new List<string>();
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await follower.StandardOutput.ReadLineAsync(guard.Token) is { } line)
            {
                seen.Add(line);
                if (line.Contains($"REPORT RequestId: {secondRequestId}", StringComparison.Ordinal))
                {
                    break;
                }
            }
            Assert.Contains(seen, l => l.Contains($"END RequestId: {secondRequestId}", StringComparison.Ordinal));
        }
        finally
        {
            follower.Kill();
            await follower.WaitForExitAsync();
        }
    }
}
