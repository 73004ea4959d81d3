using Microsoft.Data.Sqlite;

namespace Fulmen.Storage.Sqlite;

/// <summary>
/// One embedded database file and its schema; connections come from Microsoft.Data.Sqlite's pool. Functions
/// and the async event queue live in separate files, so that neither's writes wait for the other's lock.
/// </summary>
public sealed class SqliteDatabase
{
    private const string FunctionsSchema = """
        CREATE TABLE IF NOT EXISTS functions (
            name TEXT PRIMARY KEY,
            document TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS resources (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (kind, id)
        );
        """;

    private const string AsyncEventsSchema = """
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

    private readonly string _connectionString;

    private SqliteDatabase(string dataDirectory, string fileName, string schema)
    {
        Directory.CreateDirectory(dataDirectory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, fileName),
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        Migrate(schema);
    }

    /// <summary><c>fulmen.db</c>: functions and their configuration, and the built-in services' resources.</summary>
    public static SqliteDatabase Functions(string dataDirectory) => new(dataDirectory, "fulmen.db", FunctionsSchema);

    /// <summary><c>async-events.db</c>: the queue of accepted asynchronous invocations.</summary>
    public static SqliteDatabase AsyncEvents(string dataDirectory) => new(dataDirectory, "async-events.db", AsyncEventsSchema);

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private void Migrate(string schema)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // WAL lets readers proceed during a write. synchronous = FULL flushes the WAL at every commit, so what
        // was acknowledged survives a crash of the machine, not only of the process.
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            {schema}
            """;
        command.ExecuteNonQuery();
    }
}
