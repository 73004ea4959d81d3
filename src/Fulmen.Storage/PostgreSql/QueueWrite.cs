using Fulmen.Storage.Queues;
using Npgsql;
using NpgsqlTypes;

namespace Fulmen.Storage.PostgreSql;

/// <summary>
/// One queue change waiting for the group commit. An append is a row that the writer inserts together with the
/// batch's other appends (<see cref="QueueAppendBatch"/>); every other kind is one statement returning one bigint,
/// how many rows it changed.
/// </summary>
internal sealed class QueueWrite
{
    private const string AcknowledgeSql = "WITH d AS (DELETE FROM queue_items WHERE queue = $1 AND id = $2 RETURNING 1) SELECT count(*) FROM d";
    private const string ReleaseSql = """
        WITH u AS (UPDATE queue_items SET visible_at = $3, attributes = COALESCE($4, attributes) WHERE queue = $1 AND id = $2 RETURNING 1)
        SELECT count(*) FROM u
        """;
    private const string RenewSql = """
        WITH u AS (UPDATE queue_items SET visible_at = GREATEST(visible_at, $3) WHERE queue = $1 AND holder = $2 RETURNING 1)
        SELECT count(*) FROM u
        """;
    private const string ReleaseHeldSql = """
        WITH u AS (UPDATE queue_items SET visible_at = $3, holder = NULL WHERE queue = $1 AND holder = $2 RETURNING 1)
        SELECT count(*) FROM u
        """;

    /// <summary>
    /// Append-once in one statement. The upsert always returns the key's row, locked, as it is after every committed
    /// append (an expired key is taken over): when it names the id drawn here, this append won and its item is
    /// inserted; otherwise it is a duplicate of the item the row names. A racing appender of the same key waits on
    /// the row lock, then sees this one's row.
    /// </summary>
    private const string AppendOnceSql = """
        WITH next AS (SELECT nextval(pg_get_serial_sequence('queue_items', 'id')) AS id),
        claimed AS (
            INSERT INTO queue_dedup AS d (queue, key, item_id, tag, expires_at)
            SELECT $1, $2, id, $3, $4 FROM next
            ON CONFLICT (queue, key) DO UPDATE SET
                item_id = CASE WHEN d.expires_at <= $5 THEN EXCLUDED.item_id ELSE d.item_id END,
                tag = CASE WHEN d.expires_at <= $5 THEN EXCLUDED.tag ELSE d.tag END,
                expires_at = CASE WHEN d.expires_at <= $5 THEN EXCLUDED.expires_at ELSE d.expires_at END
            RETURNING item_id, tag),
        inserted AS (
            INSERT INTO queue_items (id, queue, body, attributes, enqueued_at, visible_at, holder, item_group) OVERRIDING SYSTEM VALUE
            SELECT c.item_id, $1, $6, $7, $5, $8, $9, $10 FROM claimed c JOIN next n ON c.item_id = n.id
            RETURNING id)
        SELECT c.item_id, NOT EXISTS (SELECT 1 FROM inserted), c.tag FROM claimed c
        """;

    /// <summary>Keys whose window has passed go lazily, with the batches that add keys.</summary>
    private const string ExpireKeysSql = "WITH d AS (DELETE FROM queue_dedup WHERE expires_at <= $1 RETURNING 1) SELECT count(*) FROM d";

    private const string PurgeSql = "WITH d AS (DELETE FROM queue_items WHERE queue = $1 RETURNING 1) SELECT count(*) FROM d";

    private QueueWrite(QueueAppendRow row, CancellationToken cancellationToken)
    {
        Row = row;
        CancellationToken = cancellationToken;
    }

    private QueueWrite(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        // Built by the caller, so the writer only sends.
        Command = new NpgsqlBatchCommand(sql);
        Command.Parameters.AddRange(parameters);
        CancellationToken = cancellationToken;
    }

    /// <summary>The statement of a change other than an append.</summary>
    public NpgsqlBatchCommand? Command { get; }

    /// <summary>What an append inserts.</summary>
    public QueueAppendRow Row { get; }

    public bool IsAppend => Command is null;

    /// <summary>An append-once: its statement returns the item's id, whether it was a duplicate, and the key's tag.</summary>
    public bool IsAppendOnce { get; private init; }

    /// <summary>An append-once's outcome, set by the writer before <see cref="Done"/> completes.</summary>
    public QueueAppendResult AppendOnceResult { get; set; }

    public CancellationToken CancellationToken { get; }

    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static QueueWrite Append(QueueAppendRow row, CancellationToken ct) => new(row, ct);

    public static QueueWrite AppendOnce(QueueAppendRow row, QueueDeduplication deduplication, CancellationToken ct) =>
        new(AppendOnceSql, ct, Text(row.Queue), Text(deduplication.Key), Text(deduplication.Tag), Number(row.EnqueuedAt + (long)deduplication.Window.TotalMilliseconds),
            Number(row.EnqueuedAt), Bytes(row.Body), Bytes(row.Attributes), Number(row.VisibleAt), Text(row.Holder), Text(row.Group))
        { IsAppendOnce = true };

    public static NpgsqlBatchCommand ExpireKeys(long now)
    {
        var command = new NpgsqlBatchCommand(ExpireKeysSql);
        command.Parameters.Add(Number(now));
        return command;
    }

    public static QueueWrite Acknowledge(string queue, long id, CancellationToken ct) => new(AcknowledgeSql, ct, Text(queue), Number(id));

    public static QueueWrite Release(string queue, long id, long visibleAt, ReadOnlyMemory<byte>? attributes, CancellationToken ct) =>
        new(ReleaseSql, ct, Text(queue), Number(id), Number(visibleAt), attributes is { } a ? Bytes(a) : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });

    public static QueueWrite Renew(string queue, string holder, long visibleUntil, CancellationToken ct) =>
        new(RenewSql, ct, Text(queue), Text(holder), Number(visibleUntil));

    public static QueueWrite ReleaseHeld(string queue, string holder, long now, CancellationToken ct) =>
        new(ReleaseHeldSql, ct, Text(queue), Text(holder), Number(now));

    public static QueueWrite Purge(string queue, CancellationToken ct) => new(PurgeSql, ct, Text(queue));

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<long> Number(long value) => new() { TypedValue = value };

    private static NpgsqlParameter<ReadOnlyMemory<byte>> Bytes(ReadOnlyMemory<byte> value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bytea };
}

internal readonly record struct QueueAppendRow(string Queue, ReadOnlyMemory<byte> Body, ReadOnlyMemory<byte> Attributes, long EnqueuedAt, long VisibleAt, string? Holder, string? Group);
