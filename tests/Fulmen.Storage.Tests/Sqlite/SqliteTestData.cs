using Fulmen.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Fulmen.Storage.Tests.Sqlite;

/// <summary>A fresh data directory under the temporary directory for one test; the SQLite contract classes open it.</summary>
public sealed class SqliteTestData
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"fulmen-storage-{Guid.NewGuid():N}");

    public Task<StorageBackend> OpenAsync(FakeTimeProvider time) => SqliteBackend.OpenAsync(Directory, time);

    /// <summary>Writes the version into <c>fulmen.db</c>'s schema_version, as a newer Fulmen would.</summary>
    public async Task SetSchemaVersionAsync(int version)
    {
        var path = Path.Combine(Directory, "fulmen.db");
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($version, 'written by a newer Fulmen', 0)";
        command.Parameters.AddWithValue("$version", version);
        await command.ExecuteNonQueryAsync();
    }

    public Task DeleteAsync()
    {
        // Pooled connections keep the files open; let them go before the directory does.
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        return Task.CompletedTask;
    }
}
