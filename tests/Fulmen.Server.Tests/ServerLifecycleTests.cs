using System.Net;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task Health_AfterStart_AnswersReadyJson()
    {
        await using var server = await FulmenServer.StartAsync();
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"{server.Endpoint}/_fulmen/health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"ready\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
