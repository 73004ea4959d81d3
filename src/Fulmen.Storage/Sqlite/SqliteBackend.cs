namespace Fulmen.Storage.Sqlite;

/// <summary>The primitives on the embedded SQLite files in the data directory.</summary>
public static class SqliteBackend
{
    public static Task<StorageBackend> OpenAsync(string dataDirectory, TimeProvider time, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
