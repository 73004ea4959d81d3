using Npgsql;
using NpgsqlTypes;

namespace Fulmen.Storage.PostgreSql;

/// <summary>
/// One queue change waiting for the group commit. Each kind is one statement that returns one bigint (the new id,
/// or how many rows it changed), so the writer reads the results of a batch in order without special cases.
/// </summary>
internal sealed class QueueWrite
{
    private const string AppendSql = """
        INSERT INTO queue_items (queue, body, attributes, enqueued_at, visible_at, holder)
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
        """;
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

    private QueueWrite(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        // Built by the caller, so the writer only sends.
        Command = new NpgsqlBatchCommand(sql);
        Command.Parameters.AddRange(parameters);
        CancellationToken = cancellationToken;
    }

    public NpgsqlBatchCommand Command { get; }

    public CancellationToken CancellationToken { get; }

    public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static QueueWrite Append(string queue, ReadOnlyMemory<byte> body, ReadOnlyMemory<byte> attributes, long now, long visibleAt, string? holder, CancellationToken ct) =>
        new(AppendSql, ct, Text(queue), Bytes(body), Bytes(attributes), Number(now), Number(visibleAt), Text(holder));

    public static QueueWrite Acknowledge(string queue, long id, CancellationToken ct) => new(AcknowledgeSql, ct, Text(queue), Number(id));

    public static QueueWrite Release(string queue, long id, long visibleAt, ReadOnlyMemory<byte>? attributes, CancellationToken ct) =>
        new(ReleaseSql, ct, Text(queue), Number(id), Number(visibleAt), attributes is { } a ? Bytes(a) : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });

    public static QueueWrite Renew(string queue, string holder, long visibleUntil, CancellationToken ct) =>
        new(RenewSql, ct, Text(queue), Text(holder), Number(visibleUntil));

    public static QueueWrite ReleaseHeld(string queue, string holder, long now, CancellationToken ct) =>
        new(ReleaseHeldSql, ct, Text(queue), Text(holder), Number(now));

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<long> Number(long value) => new() { TypedValue = value };

    private static NpgsqlParameter<ReadOnlyMemory<byte>> Bytes(ReadOnlyMemory<byte> value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Bytea };
}
