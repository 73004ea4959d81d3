namespace Fulmen.Server.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster of the test's own (scripts/postgres.sh: initdb into a temp directory, a free
/// loopback port, stopped by its process id), for tests that stop and start the database under a running server.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string _directory;

    private PostgresCluster(string directory, Uri url)
    {
        _directory = directory;
        Url = url;
    }

    /// <summary>The cluster's maintenance database, <c>postgresql://user:password@127.0.0.1:PORT/postgres</c>.</summary>
    public Uri Url { get; }

    public static async Task<PostgresCluster> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("fulmen-pg-").FullName;
        var started = await ScriptAsync("start", directory);
        var url = started.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault(line => line.StartsWith("postgresql://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"scripts/postgres.sh start printed no URL:\n{started}");
        return new PostgresCluster(directory, new Uri(url));
    }

    public Task<string> CreateDatabaseAsync() => TestDatabases.CreateAsync(Url);

    public Task StopAsync() => ScriptAsync("stop", _directory);

    public Task StartAgainAsync() => ScriptAsync("start", _directory);

    public async ValueTask DisposeAsync()
    {
        await ScriptAsync("stop", _directory);
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<Processes.Result> ScriptAsync(string action, string directory)
    {
        var result = await Processes.RunAsync("bash", [Path.Combine(FulmenServer.RepositoryRoot, "scripts", "postgres.sh"), action, directory], Patience);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"scripts/postgres.sh {action} failed: {result}");
    }
}
