using Fulmen.Storage.Schema;

namespace Fulmen.Storage.Sqlite;

/// <summary>
/// The tables of the two files, as numbered migrations. Queue items have a file of their own so the queue's group
/// commits never wait for other writes. Times are Unix milliseconds from the injected TimeProvider.
/// </summary>
internal static class SqliteSchema
{
    /// <summary><c>fulmen.db</c>: documents, leases, checkpoints.</summary>
    public static readonly IReadOnlyList<Migration> Main =
    [
        new(1, "documents, leases, checkpoints", """
            CREATE TABLE documents (
                collection TEXT NOT NULL,
                id TEXT NOT NULL,
                version INTEGER NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (collection, id)
            ) WITHOUT ROWID;
            CREATE TABLE leases (
                name TEXT PRIMARY KEY,
                holder TEXT NOT NULL,
                token INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE checkpoints (
                consumer TEXT NOT NULL,
                partition TEXT NOT NULL,
                position TEXT NOT NULL,
                version INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (consumer, partition)
            ) WITHOUT ROWID;
            """),
    ];

    /// <summary><c>queues.db</c>: the items of every durable queue.</summary>
    public static readonly IReadOnlyList<Migration> Queues =
    [
        new(1, "queue items", """
            CREATE TABLE queue_items (
                id INTEGER PRIMARY KEY,
                queue TEXT NOT NULL,
                body BLOB NOT NULL,
                attributes BLOB NOT NULL,
                enqueued_at INTEGER NOT NULL,
                visible_at INTEGER NOT NULL,
                receive_count INTEGER NOT NULL DEFAULT 0,
                holder TEXT
            );
            CREATE INDEX queue_items_visible ON queue_items (queue, visible_at, id);
            CREATE INDEX queue_items_holder ON queue_items (queue, holder) WHERE holder IS NOT NULL;
            """),
        // MAX(id) forgets the ids of acknowledged items: without this, the next start would hand them out again.
        new(2, "the highest queue item id ever appended", """
            CREATE TABLE queue_last_id (last_id INTEGER NOT NULL);
            INSERT INTO queue_last_id (last_id) SELECT COALESCE(MAX(id), 0) FROM queue_items;
            """),
        // FIFO: an item's group, which grouped leases keep in order, and the keys of append-once (deduplication).
        new(3, "queue item groups and deduplication keys", """
            ALTER TABLE queue_items ADD COLUMN item_group TEXT;
            CREATE INDEX queue_items_group ON queue_items (queue, item_group, id) WHERE item_group IS NOT NULL;
            CREATE TABLE queue_dedup (
                queue TEXT NOT NULL,
                key TEXT NOT NULL,
                item_id INTEGER NOT NULL,
                tag TEXT,
                expires_at INTEGER NOT NULL,
                PRIMARY KEY (queue, key)
            ) WITHOUT ROWID;
            CREATE INDEX queue_dedup_expiry ON queue_dedup (expires_at);
            """),
    ];
}
