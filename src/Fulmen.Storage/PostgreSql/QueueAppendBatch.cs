using System.Runtime.InteropServices;
using Npgsql;
using NpgsqlTypes;

namespace Fulmen.Storage.PostgreSql;

/// <summary>
/// The appends of one group commit as a single INSERT from arrays: the server plans and executes one statement
/// for the whole batch instead of one per item, which is most of the cost of an append.
/// </summary>
internal static class QueueAppendBatch
{
    // Rows are produced in ordinality order, so the identity values they draw ascend in the order of the arrays.
    private const string Sql = """
        INSERT INTO queue_items (queue, body, attributes, enqueued_at, visible_at, holder, item_group)
        SELECT queue, body, attributes, enqueued_at, visible_at, holder, item_group
        FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::bigint[], $5::bigint[], $6::text[], $7::text[])
            WITH ORDINALITY AS a (queue, body, attributes, enqueued_at, visible_at, holder, item_group, n)
        ORDER BY n
        RETURNING id
        """;

    public static NpgsqlBatchCommand Command(IReadOnlyList<QueueAppendRow> rows)
    {
        var queues = new string[rows.Count];
        var bodies = new byte[rows.Count][];
        var attributes = new byte[rows.Count][];
        var enqueuedAt = new long[rows.Count];
        var visibleAt = new long[rows.Count];
        var holders = new string?[rows.Count];
        var groups = new string?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            queues[i] = row.Queue;
            bodies[i] = Array(row.Body);
            attributes[i] = Array(row.Attributes);
            enqueuedAt[i] = row.EnqueuedAt;
            visibleAt[i] = row.VisibleAt;
            holders[i] = row.Holder;
            groups[i] = row.Group;
        }
        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = queues });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = bodies, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = attributes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = enqueuedAt });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = visibleAt });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = holders, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = groups, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return command;
    }

    /// <summary>The caller's array itself when the memory is a whole array (the usual case), else a copy.</summary>
    private static byte[] Array(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}
