namespace Fulmen.Storage.PostgreSql;

/// <summary>The primitives on a PostgreSQL database shared by every node.</summary>
public static class PostgreSqlBackend
{
    public static Task<StorageBackend> OpenAsync(string database, string dataDirectory, TimeProvider time, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
