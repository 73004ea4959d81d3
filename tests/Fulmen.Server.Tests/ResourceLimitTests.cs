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

        var zip = FunctionZips.Create(server.DataDirectory, "hog", new Dictionary<string, string>
        {
            ["app.py"] = """
                def handler(event, context):
                    blocks = [bytearray(1024 * 1024) for _ in range(event["megabytes"])]
                    return len(blocks)
                """,
        });
        await new AwsCli(server).SucceedAsync("lambda", "create-function", "--function-name", "hog", "--runtime", "python3.12",
            "--handler", "app.handler", "--memory-size", "128", "--role", "arn:aws:iam::000000000000:role/r", "--zip-file", $"fileb://{zip}");

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
