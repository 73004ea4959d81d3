using System.Net.Http.Json;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

public sealed class ResourceLimitTests
{
    [Fact]
    public async Task Invoke_FunctionExceedingMemorySize_ReportsRuntimeOutOfMemoryAndRecovers()
    {
        await using var server = await FulmenServer.StartAsync();
        using var http = new HttpClient();
        var health = await http.GetFromJsonAsync<JsonElement>(new Uri($"{server.Endpoint}/_fulmen/health"));
        Assert.StartsWith("cgroup", health.GetProperty("sandbox").GetString(), StringComparison.Ordinal);

        var hog = TestFunctions.Python("""
            def handler(event, context):
                blocks = [bytearray(1024 * 1024) for _ in range(event["megabytes"])]
                return len(blocks)
            """);
        await new LambdaCli(server).CreateAsync("hog", hog, "--memory-size", "128");

        var uri = new Uri($"{server.Endpoint}/2015-03-31/functions/hog/invocations");
        using var tooMuch = await http.PostAsync(uri, JsonContent.Create(new { megabytes = 400 }));
        var error = await tooMuch.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Unhandled", tooMuch.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("Runtime.OutOfMemory", error.GetProperty("errorType").GetString());
        Assert.EndsWith("Error: Runtime exited with error: signal: killed", error.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);

        // The killed environment is replaced: a modest invocation runs in a fresh one.
        using var fits = await http.PostAsync(uri, JsonContent.Create(new { megabytes = 20 }));
        Assert.False(fits.Headers.Contains("X-Amz-Function-Error"), await fits.Content.ReadAsStringAsync());
        Assert.Equal("20", await fits.Content.ReadAsStringAsync());
    }
}
