using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>A clean stop leaves nothing behind: every runtime process the server started goes with it.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_WithWarmEnvironments_LeavesNoProcessesBehind()
    {
        await using var server = await FulmenServer.StartAsync();
        var lambda = new LambdaCli(server);
        using var http = new LambdaHttp(server);
        var functions = new[] { ("warm-node", TestFunctions.NodeEcho), ("warm-python", TestFunctions.PythonEcho), ("warm-provided", TestFunctions.ProvidedEcho) };
        foreach (var (name, function) in functions)
        {
            await lambda.CreateAsync(name, function, "--timeout", "60");
            var invoked = await http.InvokeAsync(name, """{"name":"warm"}""");
            Assert.True(invoked.Status == System.Net.HttpStatusCode.OK && invoked.Header("X-Amz-Function-Error") is null, invoked.ToString());
        }

        // One warm environment per function is running: its runtime's process is there to be found.
        var running = Processes.StartedBy(server);
        var summary = string.Join("\n", running);
        Assert.Contains(running, command => command.Contains("nodejs/bootstrap.js", StringComparison.Ordinal));
        Assert.Contains(running, command => command.Contains("python/bootstrap.py", StringComparison.Ordinal));
        Assert.True(running.Any(command => command.Contains("/bootstrap", StringComparison.Ordinal)
            && !command.Contains("bootstrap.", StringComparison.Ordinal)), $"no provided bootstrap among:\n{summary}");

        Assert.Equal(0, await server.StopAsync());

        // Pre-started runtimes still waiting in their pools go too.
        var left = Processes.StartedBy(server, includeWaiting: true);
        Assert.True(left.Count == 0, $"still running after the server stopped:\n{string.Join("\n", left)}");
    }
}
