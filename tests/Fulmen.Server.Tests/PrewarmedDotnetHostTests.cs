using System.Net;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// <c>--prewarmed-dotnet-hosts</c>: a cold start of a C# function takes over a host that was started and
/// warmed up ahead of need, and that host then behaves exactly like one started for the function.
/// </summary>
public sealed class PrewarmedDotnetHostTests
{
    [Fact]
    public async Task ColdStart_WithAWaitingHost_RunsInThatHostWithTheFunctionsEnvironment()
    {
        await using var server = await FulmenServer.StartAsync("--prewarmed-dotnet-hosts", "1");
        using var http = new LambdaHttp(server);
        var waiting = await WaitForPrewarmedHostsAsync(server, 1);
        var host = Assert.Single(waiting);
        // Waiting, it has no memory limit: no function has said one yet.
        Assert.Null(Processes.MemoryLimitBytes(host));

        await DotnetFunctions.CreateAsync(http, "probe", "dotnet8", "Handlers::Handlers.ProcessProbe::Describe", DotnetFunctions.HandlersZip, new JsonObject
        {
            ["Timeout"] = 30,
            ["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["GREETING"] = "hello from the function" } },
        });

        var response = await http.InvokeAsync("probe", "{}", logTail: true);
        Assert.True(response.Status == HttpStatusCode.OK && response.Header("X-Amz-Function-Error") is null, response.ToString());
        var probe = response.Json;
        Assert.Equal(host, probe.GetProperty("processId").GetInt32());
        Assert.Equal("hello from the function", probe.GetProperty("greeting").GetString());
        Assert.Equal("probe", probe.GetProperty("functionName").GetString());
        var taskRoot = probe.GetProperty("taskRoot").GetString();
        Assert.False(string.IsNullOrEmpty(taskRoot));
        Assert.Equal(taskRoot, probe.GetProperty("workingDirectory").GetString());

        // Its output now goes to the function's log stream, with the request id.
        var log = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(response.Header("X-Amz-Log-Result")!));
        var requestId = response.Header("x-amzn-RequestId");
        Assert.Contains($"\t{requestId}\tinfo\tprobe ran in process {host}\n", log, StringComparison.Ordinal);
        Assert.Contains($"\t{requestId}\tinfo\tprobe logged through the context\n", log, StringComparison.Ordinal);
        Assert.Matches(@"REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms", log);

        // It runs under the function's memory limit (its cgroup's, or the rlimit where no cgroup is writable).
        Assert.Equal(128L * 1024 * 1024, Processes.MemoryLimitBytes(host));

        // The pool refills with a new host, and the taken one stays the function's: a second invoke is warm in it.
        var refilled = await WaitForPrewarmedHostsAsync(server, 1, taken: host);
        Assert.DoesNotContain(host, refilled);
        var again = await http.InvokeAsync("probe", "{}");
        Assert.Equal(host, again.Json.GetProperty("processId").GetInt32());
    }

    [Fact]
    public async Task ColdStart_HandlerMissing_FailsInitInTheTakenHostAsWithoutThePool()
    {
        await using var server = await FulmenServer.StartAsync("--prewarmed-dotnet-hosts", "1");
        using var http = new LambdaHttp(server);
        await WaitForPrewarmedHostsAsync(server, 1);
        await DotnetFunctions.CreateAsync(http, "missing", "dotnet10", "Handlers::Handlers.Nope::Run", DotnetFunctions.HandlersZip);
        var response = await http.InvokeAsync("missing", "{}");
        Assert.Equal("Unhandled", response.Header("X-Amz-Function-Error"));
        Assert.Equal("LambdaValidationException", response.Json.GetProperty("errorType").GetString());
        Assert.Equal("Unable to load type 'Handlers.Nope' from assembly 'Handlers'.", response.Json.GetProperty("errorMessage").GetString());
    }

    /// <summary>Waits until the server has <paramref name="count"/> pre-started hosts waiting; returns their process ids.</summary>
    private static async Task<List<int>> WaitForPrewarmedHostsAsync(FulmenServer server, int count, int taken = 0)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            // A taken host keeps the environment it was started with (the function's variables are set inside .NET).
            var hosts = Processes.PrewarmedChildren(server.ProcessId, "Fulmen.Lambda.RuntimeHost.dll").Where(pid => pid != taken).ToList();
            if (hosts.Count >= count)
            {
                // A host counts once it is waiting; give a just-spawned one the moment it needs to warm up.
                await Task.Delay(500);
                return Processes.PrewarmedChildren(server.ProcessId, "Fulmen.Lambda.RuntimeHost.dll").Where(pid => pid != taken).ToList();
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"no pre-started .NET host after 60 s\n{server.Output}");
            await Task.Delay(100);
        }
    }
}
