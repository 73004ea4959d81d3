using System.Diagnostics;
using Fulmen.Storage.PostgreSql;
using Npgsql;

namespace Fulmen.Storage.Tests.PostgreSql;

/// <summary>
/// A PostgreSQL server for the tests: a throw-away cluster started by scripts/postgres.sh in a temporary directory
/// (stopped and deleted at dispose), or the server FULMEN_TEST_POSTGRES_URL names. Each test class takes a fresh
/// database from <see cref="CreateDatabaseAsync"/>, so classes never see each other's rows.
/// </summary>
public class PostgresCluster : IAsyncLifetime
{
    public const string UrlVariable = "FULMEN_TEST_POSTGRES_URL";
    private readonly bool _useExternal;
    private readonly List<string> _databases = [];
    private string? _directory;

    public PostgresCluster() : this(useExternal: true)
    {
    }

    protected PostgresCluster(bool useExternal) => _useExternal = useExternal;

    /// <summary>postgresql://… of the server's maintenance database.</summary>
    public string Url { get; private set; } = "";

    /// <summary>False on an external server, which tests must not stop.</summary>
    public bool OwnsServer => _directory is not null;

    public async Task InitializeAsync()
    {
        if (_useExternal && Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url)
        {
            Url = url;
            return;
        }
        _directory = Path.Combine(Path.GetTempPath(), $"fulmen-pg-{Guid.NewGuid():N}");
        try
        {
            Url = await RunScriptAsync("start");
        }
        catch
        {
            // xunit does not dispose a fixture that failed to start: leave no server behind.
            await RunScriptAsync("destroy");
            throw;
        }
    }

    /// <summary>A new empty database; returns its URL.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var url = await PostgreSqlDatabases.CreateAsync(Url, "fulmen_test");
        var name = new Uri(url).AbsolutePath.TrimStart('/');
        lock (_databases)
        {
            _databases.Add(name);
        }
        return url;
    }

    /// <summary>Fast shutdown (clients are disconnected), as an operator or a crash of the server would do.</summary>
    public Task StopAsync() => RunScriptAsync("stop");

    /// <summary>Starts the stopped server again on the same port and data.</summary>
    public Task StartAsync() => RunScriptAsync("start");

    public async Task DisposeAsync()
    {
        if (_directory is null)
        {
            await DropDatabasesAsync();
            return;
        }
        await RunScriptAsync("destroy");
    }

    /// <summary>
    /// On a shared external server, what the tests created goes again. Each DROP DATABASE waits for a checkpoint, which
    /// on a server busy with other suites can take longer than Npgsql's default 30 s: ten minutes here.
    /// </summary>
    private async Task DropDatabasesAsync()
    {
        await using var connection = AdminConnection();
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection) { CommandTimeout = 600 };
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Unpooled: a pooled connection would be broken after <see cref="StopAsync"/>. Patient, as the drops are.</summary>
    private NpgsqlConnection AdminConnection()
    {
        var builder = PostgreSqlAddress.Parse(Url).ConnectionString;
        builder.Pooling = false;
        builder.Timeout = 120;
        return new NpgsqlConnection(builder.ToString());
    }

    private async Task<string> RunScriptAsync(string command)
    {
        if (_directory is null)
        {
            throw new InvalidOperationException($"The server of {UrlVariable} is not this fixture's to {command}.");
        }
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot(), "scripts", "postgres.sh"), command, _directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/postgres.sh {command} failed ({process.ExitCode}): {await error}");
        }
        return (await output).Trim();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Fulmen.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Fulmen.slnx not found above the test binaries.");
    }
}

/// <summary>A cluster of its own, always started here: fault tests stop it, which must not disturb other tests.</summary>
public sealed class PrivatePostgresCluster() : PostgresCluster(useExternal: false);

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class PostgresFaultCollection : ICollectionFixture<PrivatePostgresCluster>
{
    public const string Name = "PostgreSQL faults";
}
