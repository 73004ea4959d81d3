using System.Net;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>Functions outlive the server process: after a clean stop or a crash, a restart on the same data directory serves them.</summary>
[Trait("Backend", "Both")]
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_AfterCleanStop_FunctionsListedAndInvocable()
    {
        await using var server = await FulmenServer.StartAsync();
        var before = await CreateAndInvokeAsync(server);

        Assert.Equal(0, await server.StopAsync());
        await server.RestartAsync();

        await AssertServedAsync(server, before);
    }

    [Fact]
    public async Task Restart_AfterCrash_FunctionsListedAndInvocable()
    {
        await using var server = await FulmenServer.StartAsync();
        var before = await CreateAndInvokeAsync(server);

        server.Crash();
        await server.RestartAsync();

        await AssertServedAsync(server, before);
    }

    private static readonly Dictionary<string, TestFunction> Functions = new()
    {
        ["survivor-node"] = TestFunctions.NodeEcho,
        ["survivor-provided"] = TestFunctions.ProvidedEcho,
    };

    /// <summary>Creates the functions (CLI) and runs each once, so warm environments exist; returns their configurations.</summary>
    private static async Task<Dictionary<string, JsonNode>> CreateAndInvokeAsync(FulmenServer server)
    {
        var lambda = new LambdaCli(server);
        using var http = new LambdaHttp(server);
        var configurations = new Dictionary<string, JsonNode>();
        foreach (var (name, function) in Functions)
        {
            await lambda.CreateAsync(name, function, "--timeout", "60", "--environment", $"Variables={{OWNER={name}}}");
            var invoked = await http.InvokeAsync(name, """{"warm":true}""");
            Assert.True(invoked.Status == HttpStatusCode.OK && invoked.Header("X-Amz-Function-Error") is null, invoked.ToString());
            configurations[name] = await ConfigurationAsync(http, name);
        }
        return configurations;
    }

    /// <summary>After the restart: listed by the CLI, configured as before, and invocable through the CLI.</summary>
    private static async Task AssertServedAsync(FulmenServer server, Dictionary<string, JsonNode> before)
    {
        var lambda = new LambdaCli(server);
        using var http = new LambdaHttp(server);
        var listed = (await lambda.Aws.SucceedAsync("lambda", "list-functions")).Json.GetProperty("Functions").EnumerateArray()
            .Select(f => f.GetProperty("FunctionName").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(Functions.Keys.Order(StringComparer.Ordinal), listed);
        foreach (var (name, configuration) in before)
        {
            var after = await ConfigurationAsync(http, name);
            Assert.True(JsonNode.DeepEquals(configuration, after), $"configuration changed across the restart:\nbefore {configuration.ToJsonString()}\nafter  {after.ToJsonString()}");

            var invocationEvent = new JsonObject { ["name"] = $"{name}-{Guid.NewGuid():N}" };
            var invoked = await lambda.InvokeAsync(name, invocationEvent.ToJsonString());
            Assert.True(invoked.FunctionError is null, $"{name} failed after the restart: {invoked.Payload}\nserver:\n{server.Output}");
            Assert.True(JsonNode.DeepEquals(invocationEvent, JsonNode.Parse(invoked.Payload)!["echo"]), $"{name} answered {invoked.Payload}");
        }
    }

    private static async Task<JsonNode> ConfigurationAsync(LambdaHttp http, string name)
    {
        var response = await http.GetAsync($"/2015-03-31/functions/{name}/configuration");
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
        return JsonNode.Parse(response.Body)!;
    }
}
