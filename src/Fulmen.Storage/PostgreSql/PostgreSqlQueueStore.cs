using System.Threading.Channels;
using Fulmen.Storage.Queues;
using Npgsql;

namespace Fulmen.Storage.PostgreSql;

/// <summary>
/// Durable queues in one table. Appends, acknowledgements, releases and renewals go through one writer that sends
/// everything waiting as one batch in one transaction (group commit): under load many producers share a commit.
/// Leasing runs on its own connection with <c>FOR UPDATE SKIP LOCKED</c>, so consumers on several nodes take
/// disjoint items without waiting for each other. "Now" is always this node's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class PostgreSqlQueueStore : IQueueStore
{
    private const int MaxBatch = 1024;
    /// <summary>The first key of the advisory locks grouped leases take turns on (the second: the queue's hash).</summary>
    private const int GroupedLeaseLock = 0x4649464f; // "FIFO"
    private readonly PostgreSqlDatabase _database;
    private readonly TimeProvider _time;
    // Unbounded: every producer awaits its own write, so what waits is bounded by the callers in flight.
    private readonly Channel<QueueWrite> _writes = Channel.CreateUnbounded<QueueWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    public PostgreSqlQueueStore(PostgreSqlDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        _writer = Task.Run(WriteLoopAsync);
    }

    public async Task<long> AppendAsync(string queue, QueueAppend item, CancellationToken cancellationToken = default)
    {
        var now = Now();
        return await Enqueue(QueueWrite.Append(Row(queue, item, now), cancellationToken));
    }

    public async Task<IReadOnlyList<long>> AppendBatchAsync(string queue, IReadOnlyList<QueueAppend> items, CancellationToken cancellationToken = default)
    {
        // Written to the writer's channel one after another, so a commit inserts them in list order (ids ascend).
        var now = Now();
        var done = new Task<long>[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            done[i] = Enqueue(QueueWrite.Append(Row(queue, items[i], now), cancellationToken));
        }
        return await Task.WhenAll(done);
    }

    public async Task<QueueAppendResult> AppendAsync(string queue, QueueAppend item, QueueDeduplication deduplication, CancellationToken cancellationToken = default)
    {
        var write = QueueWrite.AppendOnce(Row(queue, item, Now()), deduplication, cancellationToken);
        await Enqueue(write);
        return write.AppendOnceResult;
    }

    private static QueueAppendRow Row(string queue, QueueAppend item, long now) =>
        new(queue, item.Body, item.Attributes, now, now + Milliseconds(item.Delay), item.Holder, item.Group);

    public Task<IReadOnlyList<QueueItem>> LeaseAsync(string queue, QueueLeaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.MaxItems);
        var now = Now();
        return _database.RunAsync((queue, request, now), static async (connection, state, ct) =>
        {
            // A grouped lease must see every earlier lease of its queue: SKIP LOCKED alone would let two nodes take
            // two items of one group at once. Grouped leases of a queue therefore take turns on an advisory lock held
            // to the end of the batch's implicit transaction; the lease statement's snapshot is taken after the lock.
            await using var batch = new NpgsqlBatch(connection);
            if (state.request.Grouped)
            {
                var lockCommand = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))");
                lockCommand.Parameters.Add(new NpgsqlParameter<int> { TypedValue = GroupedLeaseLock });
                lockCommand.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.queue });
                batch.BatchCommands.Add(lockCommand);
            }
            var command = new NpgsqlBatchCommand(LeaseSql(state.request));
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.queue });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.now });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = state.request.MaxItems });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.now + Milliseconds(state.request.Visibility) });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.request.Holder });
            batch.BatchCommands.Add(command);
            await using var reader = await batch.ExecuteReaderAsync(ct);
            if (state.request.Grouped)
            {
                await reader.NextResultAsync(ct);
            }
            var items = new List<QueueItem>();
            while (await reader.ReadAsync(ct))
            {
                items.Add(new QueueItem
                {
                    Id = reader.GetInt64(0),
                    Body = reader.GetFieldValue<byte[]>(1),
                    Attributes = reader.GetFieldValue<byte[]>(2),
                    EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    ReceiveCount = reader.GetInt32(4),
                    VisibleAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                    Group = reader.IsDBNull(6) ? null : reader.GetString(6),
                });
            }
            return (IReadOnlyList<QueueItem>)items;
        }, cancellationToken);
    }

    /// <summary>
    /// The candidates are locked (skipping rows other leasers hold) and updated in one statement; the outer SELECT
    /// returns them in the order they were visible (grouped: appended), which RETURNING alone does not promise. A
    /// grouped lease skips items whose group has one in flight (received, still invisible) or an earlier one invisible.
    /// </summary>
    private static string LeaseSql(QueueLeaseRequest request) => $"""
        WITH candidates AS (
            SELECT id, visible_at AS was_visible_at FROM queue_items q
            WHERE queue = $1 AND visible_at <= $2{(request.Grouped ? """
                 AND (item_group IS NULL OR NOT EXISTS (
                    SELECT 1 FROM queue_items o WHERE o.queue = q.queue AND o.item_group = q.item_group AND o.visible_at > $2
                        AND (o.id < q.id OR o.receive_count > 0)))
                ORDER BY id
            """ : """

                ORDER BY visible_at, id
            """)} LIMIT $3
            FOR UPDATE SKIP LOCKED),
        leased AS (
            UPDATE queue_items q SET visible_at = $4, receive_count = q.receive_count + 1, holder = $5
            FROM candidates c WHERE q.id = c.id
            RETURNING q.id, {(request.IncludeBody ? "q.body" : "''::bytea")} AS body, q.attributes, q.enqueued_at,
                q.receive_count, q.visible_at, q.item_group, c.was_visible_at)
        SELECT id, body, attributes, enqueued_at, receive_count, visible_at, item_group FROM leased
        ORDER BY {(request.Grouped ? "id" : "was_visible_at, id")}
        """;

    public async Task<bool> AcknowledgeAsync(string queue, long id, CancellationToken cancellationToken = default) =>
        await Enqueue(QueueWrite.Acknowledge(queue, id, cancellationToken)) > 0;

    public async Task<bool> ReleaseAsync(string queue, long id, TimeSpan delay, ReadOnlyMemory<byte>? attributes = null, CancellationToken cancellationToken = default) =>
        await Enqueue(QueueWrite.Release(queue, id, Now() + Milliseconds(delay), attributes, cancellationToken)) > 0;

    public async Task<int> RenewAsync(string queue, string holder, TimeSpan visibility, CancellationToken cancellationToken = default) =>
        (int)await Enqueue(QueueWrite.Renew(queue, holder, Now() + Milliseconds(visibility), cancellationToken));

    public async Task<int> ReleaseHeldAsync(string queue, string holder, CancellationToken cancellationToken = default) =>
        (int)await Enqueue(QueueWrite.ReleaseHeld(queue, holder, Now(), cancellationToken));

    public Task<byte[]?> ReadBodyAsync(string queue, long id, CancellationToken cancellationToken = default) =>
        _database.RunAsync((queue, id), static async (connection, state, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT body FROM queue_items WHERE queue = $1 AND id = $2", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.queue });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.id });
            return await command.ExecuteScalarAsync(ct) as byte[];
        }, cancellationToken);

    public Task<long> CountDelayedAsync(string queue, CancellationToken cancellationToken = default) =>
        _database.RunAsync((queue, now: Now()), static async (connection, state, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM queue_items WHERE queue = $1 AND visible_at > $2 AND receive_count = 0", connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.queue });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.now });
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }, cancellationToken);

    public async Task<int> PurgeAsync(string queue, CancellationToken cancellationToken = default) =>
        (int)await Enqueue(QueueWrite.Purge(queue, cancellationToken));

    public Task<QueueCounts> CountAsync(string queue, CancellationToken cancellationToken = default) =>
        _database.RunAsync((queue, now: Now()), static async (connection, state, ct) =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT count(*) FILTER (WHERE visible_at <= $2), count(*) FILTER (WHERE visible_at > $2)
                FROM queue_items WHERE queue = $1
                """, connection);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = state.queue });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = state.now });
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            return new QueueCounts(reader.GetInt64(0), reader.GetInt64(1));
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer;
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;

    private Task<long> Enqueue(QueueWrite write) =>
        _writes.Writer.TryWrite(write) ? write.Done.Task : Task.FromException<long>(new ObjectDisposedException(nameof(PostgreSqlQueueStore)));

    /// <summary>
    /// Takes every write waiting, commits them as one transaction and only then completes their callers. A failed
    /// batch fails each of its writes and the loop goes on: the pool reconnects once the server is back.
    /// </summary>
    private async Task WriteLoopAsync()
    {
        var batch = new List<QueueWrite>(MaxBatch);
        var reader = _writes.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var write))
            {
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Done.TrySetCanceled(write.CancellationToken);
                }
                else
                {
                    batch.Add(write);
                }
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                var results = await CommitAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(results[i]);
                }
            }
            catch (Exception e)
            {
                var error = PostgreSqlDatabase.IsUnavailable(e) ? _database.Unavailable(e) : e;
                foreach (var write in batch)
                {
                    write.Done.TrySetException(error);
                }
            }
            batch.Clear();
        }
    }

    /// <summary>
    /// Sends the batch in one round trip: the appends as one INSERT, then each other change in order. Without an
    /// explicit transaction PostgreSQL runs a batch (one Sync) as one implicit transaction: all or nothing, committed
    /// and flushed (synchronous_commit) before the server says ready, which disposing the reader waits for. That
    /// saves the separate COMMIT round trip.
    /// </summary>
    private async Task<long[]> CommitAsync(List<QueueWrite> batch)
    {
        var results = new long[batch.Count];
        var appends = new List<int>();
        var rows = new List<QueueAppendRow>();
        await using var connection = await _database.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlBatch(connection);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].IsAppend)
            {
                appends.Add(i);
                rows.Add(batch[i].Row);
            }
        }
        if (rows.Count > 0)
        {
            command.BatchCommands.Add(QueueAppendBatch.Command(rows));
        }
        var expiresKeys = false;
        foreach (var write in batch)
        {
            if (!write.IsAppend)
            {
                command.BatchCommands.Add(write.Command!);
                expiresKeys |= write.IsAppendOnce;
            }
        }
        if (expiresKeys)
        {
            command.BatchCommands.Add(QueueWrite.ExpireKeys(Now()));
        }
        await using (var reader = await command.ExecuteReaderAsync())
        {
            if (rows.Count > 0)
            {
                var ids = new List<long>(rows.Count);
                while (await reader.ReadAsync())
                {
                    ids.Add(reader.GetInt64(0));
                }
                ids.Sort();
                for (var i = 0; i < appends.Count; i++)
                {
                    results[appends[i]] = ids[i];
                }
                await reader.NextResultAsync();
            }
            for (var i = 0; i < batch.Count; i++)
            {
                if (!batch[i].IsAppend)
                {
                    await reader.ReadAsync();
                    results[i] = reader.GetInt64(0);
                    if (batch[i].IsAppendOnce)
                    {
                        batch[i].AppendOnceResult = new QueueAppendResult(results[i], reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2));
                    }
                    await reader.NextResultAsync();
                }
            }
        }
        return results;
    }
}
