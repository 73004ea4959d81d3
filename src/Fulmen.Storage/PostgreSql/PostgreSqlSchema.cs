using Fulmen.Storage.Schema;
using Npgsql;

namespace Fulmen.Storage.PostgreSql;

/// <summary>
/// The tables of the primitives, as numbered migrations. Nodes starting together serialise on a transaction-scoped
/// advisory lock, so each migration runs exactly once and nobody reads a half-built schema.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>"fulmen" in ASCII: the advisory lock key every Fulmen node takes to migrate.</summary>
    private const long MigrationLock = 0x66756c6d656e;

    // Times are Unix milliseconds from the node's TimeProvider, never the server's now(), so that tests can drive
    // a fake clock and the nodes agree on one notion of time with the records they write.
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "documents, queue items, leases, checkpoints", """
            CREATE TABLE documents (
                collection text NOT NULL,
                id text COLLATE "C" NOT NULL,
                version bigint NOT NULL,
                json text NOT NULL,
                PRIMARY KEY (collection, id)
            );
            CREATE TABLE queue_items (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                queue text NOT NULL,
                body bytea NOT NULL,
                attributes bytea NOT NULL,
                enqueued_at bigint NOT NULL,
                visible_at bigint NOT NULL,
                receive_count integer NOT NULL DEFAULT 0,
                holder text
            );
            CREATE INDEX queue_items_visible ON queue_items (queue, visible_at, id);
            CREATE INDEX queue_items_holder ON queue_items (queue, holder) WHERE holder IS NOT NULL;
            CREATE TABLE leases (
                name text PRIMARY KEY,
                holder text,
                token bigint NOT NULL,
                expires_at bigint NOT NULL
            );
            CREATE TABLE checkpoints (
                consumer text NOT NULL,
                partition text COLLATE "C" NOT NULL,
                position text NOT NULL,
                version bigint NOT NULL,
                updated_at bigint NOT NULL,
                PRIMARY KEY (consumer, partition)
            );
            """),
        // FIFO: an item's group, which grouped leases keep in order, and the keys of append-once (deduplication).
        new(2, "queue item groups and deduplication keys", """
            ALTER TABLE queue_items ADD COLUMN item_group text;
            CREATE INDEX queue_items_group ON queue_items (queue, item_group, id) WHERE item_group IS NOT NULL;
            CREATE TABLE queue_dedup (
                queue text NOT NULL,
                key text COLLATE "C" NOT NULL,
                item_id bigint NOT NULL,
                tag text,
                expires_at bigint NOT NULL,
                PRIMARY KEY (queue, key)
            );
            CREATE INDEX queue_dedup_expiry ON queue_dedup (expires_at);
            """),
    ];

    /// <summary>Applies every migration newer than the database, in one transaction.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string location, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        var known = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"""
            SELECT pg_advisory_xact_lock({MigrationLock});
            CREATE TABLE IF NOT EXISTS schema_version (
                version integer PRIMARY KEY,
                description text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken);
        await using (var current = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection))
        {
            var found = (int)(await current.ExecuteScalarAsync(cancellationToken))!;
            if (found > known)
            {
                throw new SchemaTooNewException(location, found, known);
            }
            foreach (var migration in migrations.Where(m => m.Version > found).OrderBy(m => m.Version))
            {
                await ExecuteAsync(connection, migration.Sql, cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, description) VALUES ($1, $2)", connection);
                record.Parameters.Add(new() { Value = migration.Version });
                record.Parameters.Add(new() { Value = migration.Description });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
