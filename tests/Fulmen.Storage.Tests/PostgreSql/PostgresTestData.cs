using Fulmen.Storage.PostgreSql;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Fulmen.Storage.Tests.PostgreSql;

/// <summary>
/// A fresh database on the shared test cluster for one test (created on the first open), and a data directory for
/// its blob files; the PostgreSQL contract classes open it.
/// </summary>
public sealed class PostgresTestData(PostgresCluster cluster)
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"fulmen-pg-data-{Guid.NewGuid():N}");
    private string? _url;

    public async Task<StorageBackend> OpenAsync(FakeTimeProvider time)
    {
        _url ??= await cluster.CreateDatabaseAsync();
        return await PostgreSqlBackend.OpenAsync(_url, _directory, time);
    }

    /// <summary>Records the version in schema_version, as a newer Fulmen would.</summary>
    public async Task SetSchemaVersionAsync(int version)
    {
        await using var dataSource = NpgsqlDataSource.Create(PostgreSqlAddress.Parse(_url!).ConnectionString);
        await using var command = dataSource.CreateCommand("INSERT INTO schema_version (version, description) VALUES ($1, 'written by a newer Fulmen')");
        command.Parameters.Add(new() { Value = version });
        await command.ExecuteNonQueryAsync();
    }

    public Task DeleteAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        return Task.CompletedTask;
    }
}
