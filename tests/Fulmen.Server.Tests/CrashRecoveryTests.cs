using System.Diagnostics;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Restart_AfterCrashDuringInvocation_StopsRuntimesTheCrashedServerLeft()
    {
        await using var server = await FulmenServer.StartAsync();
        // Takes one invocation and then works for two minutes: still running when the server dies.
        var busy = TestFunctions.Provided("""
            #!/bin/sh
            curl -sS "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next" > /dev/null
            exec sleep 120
            """);
        await new LambdaCli(server).CreateAsync("busy", busy, "--timeout", "300");
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var invocation = http.PostAsync(new Uri($"{server.Endpoint}/2015-03-31/functions/busy/invocations"), new StringContent("{}"));

        var guard = Stopwatch.StartNew();
        while (!Processes.StartedBy(server).Any(p => p.Contains("sleep 120", StringComparison.Ordinal)))
        {
            Assert.True(guard.Elapsed < TimeSpan.FromSeconds(60), "the function never started working");
            await Task.Delay(50);
        }

        server.Crash();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => invocation);
        Assert.Contains(Processes.StartedBy(server), p => p.Contains("sleep 120", StringComparison.Ordinal));

        await server.RestartAsync();
        Assert.Empty(Processes.StartedBy(server));
    }
}
