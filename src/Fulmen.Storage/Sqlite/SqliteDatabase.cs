using Fulmen.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace Fulmen.Storage.Sqlite;

/// <summary>
/// One embedded database file, migrated to its newest schema when opened; connections come from Microsoft.Data.Sqlite's
/// pool. WAL lets readers proceed beside a writer; <c>synchronous = FULL</c> flushes the WAL at every commit, so what
/// was acknowledged survives a crash of the machine, not only of the process.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string path, IReadOnlyList<Migration> migrations)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Migrate(migrations);
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private void Migrate(IReadOnlyList<Migration> migrations)
    {
        using var connection = Open();
        Execute(connection, null, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL);
            """);
        using var transaction = connection.BeginTransaction(deferred: false);
        using var current = connection.CreateCommand();
        current.Transaction = transaction;
        current.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        var found = Convert.ToInt32(current.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        var known = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        if (found > known)
        {
            throw new SchemaTooNewException(Path, found, known);
        }
        foreach (var migration in migrations.Where(m => m.Version > found).OrderBy(m => m.Version))
        {
            Execute(connection, transaction, migration.Sql);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, unixepoch())";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$d", migration.Description);
            record.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
