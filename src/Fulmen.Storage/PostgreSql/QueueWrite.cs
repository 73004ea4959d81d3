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

    public CancellationToken CancellationToken { get; }

    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static QueueWrite Append(QueueAppendRow row, CancellationToken ct) => new(row, ct);

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

internal readonly record struct QueueAppendRow(string Queue, ReadOnlyMemory<byte> Body, ReadOnlyMemory<byte> Attributes, long EnqueuedAt, long VisibleAt, string? Holder);
