using Microsoft.Data.Sqlite;

namespace Fulmen.Storage.Sqlite;

/// <summary>The embedded database file and its schema. Connections come from Microsoft.Data.Sqlite's pool.</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "fulmen.db"),
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        Migrate();
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private void Migrate()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // WAL lets readers proceed during a write; NORMAL sync is durable at every checkpoint in WAL mode
        // except across power loss, so control-plane writes that must survive a crash use FULL below.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS functions (
                name TEXT PRIMARY KEY,
                document TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS async_events (
                id INTEGER PRIMARY KEY,
                request_id TEXT NOT NULL,
                function TEXT NOT NULL,
                qualifier TEXT NOT NULL,
                payload BLOB NOT NULL,
                enqueued_at INTEGER NOT NULL,
                due_at INTEGER NOT NULL,
                invoke_count INTEGER NOT NULL DEFAULT 0,
                retries INTEGER NOT NULL DEFAULT 0,
                throttles INTEGER NOT NULL DEFAULT 0,
                last_status INTEGER,
                last_version TEXT,
                last_error TEXT,
                last_response BLOB
            );
            """;
        command.ExecuteNonQuery();
    }
}
