using Fulmen.Storage.PostgreSql;
using Fulmen.Storage.Sqlite;

namespace Fulmen.Storage;

public static class StorageBackends
{
    /// <summary>
    /// Opens the database the options name, migrating its schema forward. Throws <see cref="StorageUnavailableException"/>
    /// when PostgreSQL cannot be reached and <see cref="Schema.SchemaTooNewException"/> when a newer Fulmen wrote it.
    /// </summary>
    public static Task<StorageBackend> OpenAsync(StorageOptions options, TimeProvider time, CancellationToken cancellationToken = default) =>
        string.IsNullOrEmpty(options.Database)
            ? SqliteBackend.OpenAsync(options.DataDirectory, time, cancellationToken)
            : PostgreSqlBackend.OpenAsync(options.Database, options.DataDirectory, time, cancellationToken);
}
