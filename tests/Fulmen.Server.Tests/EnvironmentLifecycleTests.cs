using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

public sealed class EnvironmentLifecycleTests
{
    [Fact]
    public async Task IdleEnvironment_AfterIdleTimeout_IsStopped()
    {
        await using var server = await FulmenServer.StartAsync("--idle-timeout", "1");
        await new LambdaCli(server).CreateAsync("idle", TestFunctions.ProvidedEcho);
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri($"{server.Endpoint}/2015-03-31/functions/idle/invocations"), JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(server.ProcessesStartedByServer());

        // The sweeper runs every quarter of the idle timeout; the guard is generous for a loaded machine.
        var guard = Stopwatch.StartNew();
        while (server.ProcessesStartedByServer().Count > 0)
        {
            Assert.True(guard.Elapsed < TimeSpan.FromSeconds(30), "the idle environment was not stopped within 30 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Invoke_RuntimeMissingOnMachine_CreateSucceedsAndInvokeNamesWhatToInstall()
    {
        // A PATH with no node on it: the server runs, but cannot start Node.js functions.
        await using var server = await FulmenServer.StartAsync(new Dictionary<string, string> { ["PATH"] = "/nonexistent" });
        await new LambdaCli(server).CreateAsync("node", TestFunctions.NodeEcho);

        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri($"{server.Endpoint}/2015-03-31/functions/node/invocations"), JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("InvalidRuntimeException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("apt-get install nodejs", body.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }
}
