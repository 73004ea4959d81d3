using System.Net.Http.Json;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

public sealed class RuntimeStartTests
{
    [Fact]
    public async Task Invoke_Runtime_StartsInTheEnvironmentsCgroupWithNoBlockedSignals()
    {
        await using var server = await FulmenServer.StartAsync();
        using var http = new HttpClient();
        var health = await http.GetFromJsonAsync<JsonElement>(new Uri($"{server.Endpoint}/_fulmen/health"));
        var function = TestFunctions.Python("""
            import os, signal
            def handler(event, context):
                return {"cgroup": open("/proc/self/cgroup").read(), "blocked": len(signal.pthread_sigmask(signal.SIG_BLOCK, [])),
                        "stdin": os.readlink("/proc/self/fd/0")}
            """);
        await new LambdaCli(server).CreateAsync("whereami", function);

        using var response = await http.PostAsync(new Uri($"{server.Endpoint}/2015-03-31/functions/whereami/invocations"), JsonContent.Create(new { }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/dev/null", body.GetProperty("stdin").GetString());
        Assert.Equal(0, body.GetProperty("blocked").GetInt32());

        var serverGroup = $"/fulmen/server-{server.ProcessId}/";
        if (health.GetProperty("sandbox").GetString() is "cgroup v1")
        {
            var lines = body.GetProperty("cgroup").GetString()!.Split('\n');
            Assert.Contains(lines, line => line.Contains(":memory:", StringComparison.Ordinal) && line.Contains(serverGroup, StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains(":pids:", StringComparison.Ordinal) && line.Contains(serverGroup, StringComparison.Ordinal));

            // The spawner thread went back to the server's own groups: no thread of the server stays in an environment's.
            foreach (var task in Directory.EnumerateDirectories($"/proc/{server.ProcessId}/task"))
            {
                Assert.DoesNotContain("/fulmen/", File.ReadAllText(Path.Combine(task, "cgroup")), StringComparison.Ordinal);
            }
        }
        else if (health.GetProperty("sandbox").GetString() is "cgroup v2")
        {
            Assert.Contains(serverGroup, body.GetProperty("cgroup").GetString(), StringComparison.Ordinal);
        }
    }
}
