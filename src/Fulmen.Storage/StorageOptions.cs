namespace Fulmen.Storage;

public sealed class StorageOptions
{
    /// <summary>Files of the embedded database, blobs and code live here.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// Null for the embedded SQLite database in <see cref="DataDirectory"/>; else a PostgreSQL address,
    /// <c>postgresql://user:password@host:port/database</c> (or an Npgsql connection string).
    /// </summary>
    public string? Database { get; init; }
}
