using System.Net;
using System.Net.Sockets;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests;

/// <summary>
/// The server on a PostgreSQL it cannot reach: at start it says so in one line and exits; while running it answers
/// AWS's retryable ServiceException, loses nothing it acknowledged, and carries on by itself once the database is back.
/// </summary>
public sealed class StorageFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Serve_PostgreSqlUnreachable_OneLineNamingTheAddressAndNonZeroExit()
    {
        var port = ClosedPort();
        var data = Directory.CreateTempSubdirectory("fulmen-test-").FullName;
        try
        {
            var result = await Processes.RunAsync("dotnet",
                [FulmenServer.ServerDll(), "serve", "--port", "0", "--data-dir", data, "--database", $"postgresql://fulmen:secret-word@127.0.0.1:{port}/fulmen"],
                TimeSpan.FromSeconds(60));

            Assert.NotEqual(0, result.ExitCode);
            var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"127.0.0.1:{port}/fulmen", line, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-word", line, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_DatabaseWrittenByANewerFulmen_RefusesToStartAndSaysSo()
    {
        await using var server = await FulmenServer.StartAsync();
        await server.StopAsync();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "fulmen.db")};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (999, 'from the future', 0)";
            await command.ExecuteNonQueryAsync();
        }

        var result = await Processes.RunAsync("dotnet", [FulmenServer.ServerDll(), "serve", "--port", "0", "--data-dir", server.DataDirectory], TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("schema version 999", line, StringComparison.Ordinal);
        Assert.Contains("fulmen.db", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSqlStoppedAndStartedAgain_WhileEventsQueued_EveryEventRuns()
    {
        const int Events = 120;
        await using var cluster = await PostgresCluster.StartAsync();
        await using var server = await FulmenServer.StartAsync("--database", await cluster.CreateDatabaseAsync());
        var (_, http, recorder) = AsyncInvokeTests.Setup(server, "outage");
        await http.CreateFunctionAsync("marker", Recorder.SlowMarker(0.1), recorder.Settings());
        // Two at a time, so the backlog lasts through the outage.
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(HttpMethod.Put, "/2017-10-31/functions/marker/concurrency", """{"ReservedConcurrentExecutions":2}""")).Status);
        for (var id = 0; id < Events; id++)
        {
            var accepted = await http.InvokeEventAsync("marker", $$"""{"id":{{id}}}""");
            Assert.True(accepted.Status == HttpStatusCode.Accepted, accepted.ToString());
        }
        await recorder.WaitForFilesAsync("seen-", 10, Patience);

        await cluster.StopAsync();
        var refused = await http.SendAsync(HttpMethod.Post, "/2017-03-31/tags/arn:aws:lambda:us-east-1:000000000000:function:marker", """{"Tags":{"during":"outage"}}""");
        Assert.True(refused.Status == HttpStatusCode.ServiceUnavailable && refused.ErrorType == "ServiceException", refused.ToString());
        var notAccepted = await http.InvokeEventAsync("marker", """{"id":-1}""");
        Assert.True(notAccepted.Status == HttpStatusCode.ServiceUnavailable && notAccepted.ErrorType == "ServiceException", notAccepted.ToString());
        foreach (var (path, body) in new[] { ("/v2/apis", """{"name":"outage","protocolType":"HTTP"}"""), ("/restapis", """{"name":"outage"}""") })
        {
            var apiRefused = await http.SendAsync(HttpMethod.Post, path, body);
            Assert.True(apiRefused.Status == HttpStatusCode.ServiceUnavailable && apiRefused.ErrorType == "ServiceUnavailableException", $"{path}: {apiRefused}");
        }
        var seenDuringOutage = recorder.Files("seen-").Count;
        await recorder.WaitForFilesAsync("seen-", seenDuringOutage + 10, Patience); // events held in memory keep running
        await cluster.StartAgainAsync();

        await recorder.WaitForFilesAsync("seen-", Events, Patience);
        var ids = recorder.Files("seen-").Select(f => Path.GetFileName(f)["seen-".Length..]).ToHashSet();
        Assert.True(ids.SetEquals(Enumerable.Range(0, Events).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            $"ran: {string.Join(",", ids.Order())}");
        var tagged = await http.SendAsync(HttpMethod.Post, "/2017-03-31/tags/arn:aws:lambda:us-east-1:000000000000:function:marker", """{"Tags":{"after":"outage"}}""");
        Assert.Equal(HttpStatusCode.NoContent, tagged.Status);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
