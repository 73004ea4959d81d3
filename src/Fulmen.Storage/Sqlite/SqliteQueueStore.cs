using System.Threading.Channels;
using Fulmen.Storage.Queues;
using Microsoft.Data.Sqlite;

namespace Fulmen.Storage.Sqlite;

/// <summary>
/// Durable queues in <c>queues.db</c>. One writer thread owns a connection and commits whatever changes are waiting
/// as one transaction (group commit): at low load each is flushed alone, under load hundreds share one fsync. Only this
/// process writes the file, so ids are handed out in memory. Reads use pooled connections, which WAL lets run beside
/// the writer.
/// </summary>
internal sealed class SqliteQueueStore : IQueueStore
{
    private const int MaxBatch = 2048;
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly Channel<QueueOperation> _operations = Channel.CreateUnbounded<QueueOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;
    private long _lastId;

    public SqliteQueueStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT MAX(COALESCE(MAX(id), 0), (SELECT last_id FROM queue_last_id)) FROM queue_items";
            _lastId = (long)command.ExecuteScalar()!;
        }
        _writer = new Thread(WriteLoop) { Name = "fulmen-queue-writer", IsBackground = true };
        _writer.Start();
    }

    public async Task<long> AppendAsync(string queue, QueueAppend item, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var append = new QueueOperation.Append(queue, item, now, now + Milliseconds(item.Delay));
        await Submit(append);
        return append.Id;
    }

    public async Task<IReadOnlyList<long>> AppendBatchAsync(string queue, IReadOnlyList<QueueAppend> items, CancellationToken cancellationToken = default)
    {
        // Written to the writer's channel one after another from this thread, so the writer numbers them in list order.
        var now = Now();
        var appends = new QueueOperation.Append[items.Count];
        var done = new Task[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            appends[i] = new QueueOperation.Append(queue, items[i], now, now + Milliseconds(items[i].Delay));
            done[i] = Submit(appends[i]);
        }
        await Task.WhenAll(done);
        return Array.ConvertAll(appends, a => a.Id);
    }

    public async Task<QueueAppendResult> AppendAsync(string queue, QueueAppend item, QueueDeduplication deduplication, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var append = new QueueOperation.AppendOnce(queue, item, deduplication, now, now + Milliseconds(item.Delay));
        await Submit(append);
        return new QueueAppendResult(append.Id, append.Duplicate, append.Tag);
    }

    public async Task<IReadOnlyList<QueueItem>> LeaseAsync(string queue, QueueLeaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1);
        var operation = new QueueOperation.Lease(queue, request, Now());
        await Submit(operation);
        return operation.Items;
    }

    public async Task<bool> AcknowledgeAsync(string queue, long id, CancellationToken cancellationToken = default) =>
        await Submit(new QueueOperation.Acknowledge(queue, id)) == 1;

    public async Task<bool> ReleaseAsync(string queue, long id, TimeSpan delay, ReadOnlyMemory<byte>? attributes = null, CancellationToken cancellationToken = default) =>
        await Submit(new QueueOperation.Release(queue, id, Now() + Milliseconds(delay), attributes)) == 1;

    public Task<int> RenewAsync(string queue, string holder, TimeSpan visibility, CancellationToken cancellationToken = default) =>
        Submit(new QueueOperation.Renew(queue, holder, Now() + Milliseconds(visibility)));

    public Task<int> ReleaseHeldAsync(string queue, string holder, CancellationToken cancellationToken = default) =>
        Submit(new QueueOperation.ReleaseHeld(queue, holder, Now()));

    public async Task<byte[]?> ReadBodyAsync(string queue, long id, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM queue_items WHERE queue = $queue AND id = $id";
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task<QueueCounts> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(visible_at <= $now), 0), COALESCE(SUM(visible_at > $now), 0) FROM queue_items WHERE queue = $queue";
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$now", Now());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new QueueCounts(reader.GetInt64(0), reader.GetInt64(1));
    }

    public async Task<long> CountDelayedAsync(string queue, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM queue_items WHERE queue = $queue AND visible_at > $now AND receive_count = 0";
        command.Parameters.AddWithValue("$queue", queue);
        command.Parameters.AddWithValue("$now", Now());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public Task<int> PurgeAsync(string queue, CancellationToken cancellationToken = default) =>
        Submit(new QueueOperation.Purge(queue));

    public async ValueTask DisposeAsync()
    {
        _operations.Writer.TryComplete();
        await Task.Run(_writer.Join);
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static long Milliseconds(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (long)span.TotalMilliseconds;

    private Task<int> Submit(QueueOperation operation) =>
        _operations.Writer.TryWrite(operation) ? operation.Done.Task : Task.FromException<int>(new ObjectDisposedException(nameof(SqliteQueueStore)));

    private void WriteLoop()
    {
        using var connection = _database.Open();
        using (var pragma = connection.CreateCommand())
        {
            // The writer checkpoints itself (SQLite's default: after the commit that passes 1,000 pages), so the WAL
            // starts over at the next batch; a checkpoint beside a busy writer never catches up and lets the WAL grow
            // without bound. The size limit shrinks the file after a spike.
            pragma.CommandText = "PRAGMA wal_autocheckpoint = 1000; PRAGMA journal_size_limit = 67108864;";
            pragma.ExecuteNonQuery();
        }
        using var statements = new SqliteQueueStatements(connection);
        var batch = new List<QueueOperation>(MaxBatch);
        var reader = _operations.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }
            try
            {
                using (var transaction = connection.BeginTransaction())
                {
                    statements.Enlist(transaction);
                    long lastAppended = 0;
                    var deduplicated = false;
                    foreach (var operation in batch)
                    {
                        // Ids are handed out here, by the one writer, so they grow in the order items are committed.
                        if (operation is QueueOperation.Append append)
                        {
                            append.Id = lastAppended = ++_lastId;
                            deduplicated |= append is QueueOperation.AppendOnce;
                        }
                        operation.Result = operation.Apply(statements);
                    }
                    if (deduplicated)
                    {
                        // Expired keys go lazily, with the batches that add keys: the table stays as small as the window.
                        SqliteQueueStatements.Run(statements.DedupExpire, Now());
                    }
                    if (lastAppended > 0)
                    {
                        SqliteQueueStatements.Run(statements.RecordLastId, lastAppended);
                    }
                    transaction.Commit();
                }
                foreach (var operation in batch)
                {
                    operation.Done.TrySetResult(operation.Result);
                }
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException)
            {
                foreach (var operation in batch)
                {
                    operation.Done.TrySetException(e);
                }
            }
            batch.Clear();
        }
    }
}
