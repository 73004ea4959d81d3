using Fulmen.Storage.Queues;
using Microsoft.Data.Sqlite;

namespace Fulmen.Storage.Sqlite;

/// <summary>The queue writer's prepared statements, reused for every batch.</summary>
internal sealed class SqliteQueueStatements : IDisposable
{
    private readonly SqliteCommand[] _all;

    public SqliteQueueStatements(SqliteConnection connection)
    {
        Append = Prepare(connection, """
            INSERT INTO queue_items (id, queue, body, attributes, enqueued_at, visible_at, holder, item_group)
            VALUES ($id, $queue, $body, $attributes, $enqueued_at, $visible_at, $holder, $group)
            """, "$id", "$queue", "$body", "$attributes", "$enqueued_at", "$visible_at", "$holder", "$group");
        Acknowledge = Prepare(connection, "DELETE FROM queue_items WHERE queue = $queue AND id = $id", "$queue", "$id");
        Release = Prepare(connection, """
            UPDATE queue_items SET visible_at = $visible_at, attributes = COALESCE($attributes, attributes) WHERE queue = $queue AND id = $id
            """, "$queue", "$id", "$visible_at", "$attributes");
        Renew = Prepare(connection, "UPDATE queue_items SET visible_at = MAX(visible_at, $visible_at) WHERE queue = $queue AND holder = $holder",
            "$queue", "$holder", "$visible_at");
        ReleaseHeld = Prepare(connection, "UPDATE queue_items SET visible_at = $visible_at, holder = NULL WHERE queue = $queue AND holder = $holder",
            "$queue", "$holder", "$visible_at");
        // No LIMIT: SQLite's planner uses a bound LIMIT's value, so binding one expires the prepared statement and every
        // lease would compile it again. The index yields rows in this order; the reader stops after MaxItems.
        Visible = Prepare(connection, """
            SELECT id, CASE WHEN $with_body THEN body ELSE x'' END, attributes, enqueued_at, receive_count, item_group FROM queue_items
            WHERE queue = $queue AND visible_at <= $now ORDER BY visible_at, id
            """, "$queue", "$now", "$with_body");
        // A group is blocked while one of its items is in flight (received, still invisible) or an earlier one is
        // invisible (delayed); what is left comes out in append order, so each group's items leave in order. This one
        // keeps its bound LIMIT: its rows are sorted, not read off an index in order, so the limit saves the sort.
        VisibleGrouped = Prepare(connection, """
            SELECT id, CASE WHEN $with_body THEN body ELSE x'' END, attributes, enqueued_at, receive_count, item_group FROM queue_items q
            WHERE queue = $queue AND visible_at <= $now AND (item_group IS NULL OR NOT EXISTS (
                SELECT 1 FROM queue_items o WHERE o.queue = q.queue AND o.item_group = q.item_group AND o.visible_at > $now
                    AND (o.id < q.id OR o.receive_count > 0)))
            ORDER BY id LIMIT $limit
            """, "$queue", "$now", "$limit", "$with_body");
        DedupFind = Prepare(connection, "SELECT item_id, tag FROM queue_dedup WHERE queue = $queue AND key = $key AND expires_at > $now",
            "$queue", "$key", "$now");
        DedupPut = Prepare(connection, "INSERT OR REPLACE INTO queue_dedup (queue, key, item_id, tag, expires_at) VALUES ($queue, $key, $id, $tag, $expires_at)",
            "$queue", "$key", "$id", "$tag", "$expires_at");
        DedupExpire = Prepare(connection, "DELETE FROM queue_dedup WHERE expires_at <= $now", "$now");
        Take = Prepare(connection, "UPDATE queue_items SET visible_at = $visible_at, receive_count = receive_count + 1, holder = $holder WHERE id = $id",
            "$id", "$visible_at", "$holder");
        Purge = Prepare(connection, "DELETE FROM queue_items WHERE queue = $queue", "$queue");
        RecordLastId = Prepare(connection, "UPDATE queue_last_id SET last_id = $id WHERE last_id < $id", "$id");
        _all = [Append, Acknowledge, Release, Renew, ReleaseHeld, Visible, VisibleGrouped, DedupFind, DedupPut, DedupExpire, Take, Purge, RecordLastId];
    }

    public SqliteCommand Append { get; }
    public SqliteCommand Acknowledge { get; }
    public SqliteCommand Release { get; }
    public SqliteCommand Renew { get; }
    public SqliteCommand ReleaseHeld { get; }
    /// <summary>The visible items of a queue, oldest first (read as many as wanted).</summary>
    public SqliteCommand Visible { get; }
    /// <summary>The first visible items of a queue whose group is not blocked, in append order.</summary>
    public SqliteCommand VisibleGrouped { get; }
    /// <summary>The item a deduplication key still names.</summary>
    public SqliteCommand DedupFind { get; }
    public SqliteCommand DedupPut { get; }
    /// <summary>Forgets the keys whose window has passed.</summary>
    public SqliteCommand DedupExpire { get; }
    /// <summary>Leases one item.</summary>
    public SqliteCommand Take { get; }
    /// <summary>Deletes every item of a queue.</summary>
    public SqliteCommand Purge { get; }
    /// <summary>Raises the highest id ever appended, which the next start hands out ids after.</summary>
    public SqliteCommand RecordLastId { get; }

    public void Enlist(SqliteTransaction transaction)
    {
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }
    }

    /// <summary>Sets the parameters in the order they were declared, and runs the statement.</summary>
    public static int Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }
}

/// <summary>One queue change waiting for the writer's next commit; its result is handed out only after that commit.</summary>
internal abstract class QueueOperation
{
    public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Result { get; set; }

    public abstract int Apply(SqliteQueueStatements statements);

    public class Append(string queue, QueueAppend item, long now, long visibleAt) : QueueOperation
    {
        /// <summary>Set by the writer when it applies the append (a duplicate's: the first append's).</summary>
        public long Id { get; set; }

        protected string Queue => queue;

        protected long Now => now;

        public override int Apply(SqliteQueueStatements s) => SqliteQueueStatements.Run(s.Append,
            Id, queue, item.Body.ToArray(), item.Attributes.ToArray(), now, visibleAt, item.Holder, item.Group);
    }

    /// <summary>An append unless its key is remembered: the writer applies operations one by one, so the check and the insert are atomic.</summary>
    public sealed class AppendOnce(string queue, QueueAppend item, QueueDeduplication deduplication, long now, long visibleAt)
        : Append(queue, item, now, visibleAt)
    {
        public bool Duplicate { get; private set; }

        public string? Tag { get; private set; } = deduplication.Tag;

        public override int Apply(SqliteQueueStatements s)
        {
            var find = s.DedupFind.Parameters;
            find[0].Value = Queue;
            find[1].Value = deduplication.Key;
            find[2].Value = Now;
            using (var reader = s.DedupFind.ExecuteReader())
            {
                if (reader.Read())
                {
                    Duplicate = true;
                    Id = reader.GetInt64(0);
                    Tag = reader.IsDBNull(1) ? null : reader.GetString(1);
                    return 0;
                }
            }
            SqliteQueueStatements.Run(s.DedupPut, Queue, deduplication.Key, Id, deduplication.Tag, Now + (long)deduplication.Window.TotalMilliseconds);
            return base.Apply(s);
        }
    }

    public sealed class Acknowledge(string queue, long id) : QueueOperation
    {
        public override int Apply(SqliteQueueStatements s) => SqliteQueueStatements.Run(s.Acknowledge, queue, id);
    }

    public sealed class Release(string queue, long id, long visibleAt, ReadOnlyMemory<byte>? attributes) : QueueOperation
    {
        public override int Apply(SqliteQueueStatements s) => SqliteQueueStatements.Run(s.Release, queue, id, visibleAt, attributes?.ToArray());
    }

    public sealed class Renew(string queue, string holder, long visibleAt) : QueueOperation
    {
        public override int Apply(SqliteQueueStatements s) => SqliteQueueStatements.Run(s.Renew, queue, holder, visibleAt);
    }

    public sealed class ReleaseHeld(string queue, string holder, long now) : QueueOperation
    {
        public override int Apply(SqliteQueueStatements s) => SqliteQueueStatements.Run(s.ReleaseHeld, queue, holder, now);
    }

    public sealed class Purge(string queue) : QueueOperation
    {
        public override int Apply(SqliteQueueStatements s) => SqliteQueueStatements.Run(s.Purge, queue);
    }

    public sealed class Lease(string queue, QueueLeaseRequest request, long now) : QueueOperation
    {
        public IReadOnlyList<QueueItem> Items { get; private set; } = [];

        public override int Apply(SqliteQueueStatements s)
        {
            var visibleAt = now + (long)request.Visibility.TotalMilliseconds;
            var found = new List<QueueItem>();
            var select = (request.Grouped ? s.VisibleGrouped : s.Visible).Parameters;
            select[0].Value = queue;
            select[1].Value = now;
            if (request.Grouped)
            {
                select[2].Value = request.MaxItems;
                select[3].Value = request.IncludeBody;
            }
            else
            {
                select[2].Value = request.IncludeBody;
            }
            using (var reader = (request.Grouped ? s.VisibleGrouped : s.Visible).ExecuteReader())
            {
                while (found.Count < request.MaxItems && reader.Read())
                {
                    found.Add(new QueueItem
                    {
                        Id = reader.GetInt64(0),
                        Body = (byte[])reader.GetValue(1),
                        Attributes = (byte[])reader.GetValue(2),
                        EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                        ReceiveCount = reader.GetInt32(4) + 1,
                        VisibleAt = DateTimeOffset.FromUnixTimeMilliseconds(visibleAt),
                        Group = reader.IsDBNull(5) ? null : reader.GetString(5),
                    });
                }
            }
            foreach (var item in found)
            {
                SqliteQueueStatements.Run(s.Take, item.Id, visibleAt, request.Holder);
            }
            Items = found;
            return found.Count;
        }
    }
}
