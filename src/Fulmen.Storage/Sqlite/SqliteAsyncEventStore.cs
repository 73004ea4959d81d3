using System.Threading.Channels;
using Fulmen.Storage.Async;
using Microsoft.Data.Sqlite;

namespace Fulmen.Storage.Sqlite;

/// <summary>
/// The async event queue in SQLite. One writer thread owns a connection and commits whatever writes are
/// waiting as one transaction (group commit): at low load each write is flushed alone, under load hundreds
/// share one fsync. Reads use pooled connections, which WAL lets run beside the writer.
/// </summary>
public sealed class SqliteAsyncEventStore : IAsyncEventStore
{
    private const int MaxBatch = 2048;
    private readonly SqliteDatabase _database;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;
    private long _lastId;

    public SqliteAsyncEventStore(SqliteDatabase database)
    {
        _database = database;
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM async_events";
            _lastId = (long)command.ExecuteScalar()!;
        }
        _writer = new Thread(WriteLoop) { Name = "fulmen-async-store", IsBackground = true };
        _writer.Start();
    }

    public long NextId() => Interlocked.Increment(ref _lastId);

    public Task AppendAsync(AsyncEvent asyncEvent, ReadOnlyMemory<byte> payload) =>
        Enqueue(new Write(WriteKind.Append, asyncEvent, payload));

    public Task UpdateAsync(AsyncEvent asyncEvent) => Enqueue(new Write(WriteKind.Update, asyncEvent, default)
    {
        // Taken now: the dispatcher may change the event again before the writer gets to it.
        State = new AttemptState(asyncEvent.DueAt, asyncEvent.InvokeCount, asyncEvent.Retries, asyncEvent.Throttles, asyncEvent.LastResponse),
    });

    public Task DeleteAsync(long id) => Enqueue(new Write(WriteKind.Delete, null, default) { Id = id });

    public async Task<ReadOnlyMemory<byte>> ReadPayloadAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM async_events WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[]
            ?? throw new InvalidOperationException($"Async event {id} is not stored.");
    }

    public async Task<IReadOnlyList<AsyncEvent>> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, request_id, function, qualifier, enqueued_at, due_at, invoke_count, retries, throttles,
                   last_status, last_version, last_error, last_response
            FROM async_events ORDER BY id
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<AsyncEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new AsyncEvent
            {
                Id = reader.GetInt64(0),
                RequestId = reader.GetString(1),
                FunctionName = reader.GetString(2),
                Qualifier = reader.GetString(3),
                EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                DueAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                InvokeCount = reader.GetInt32(6),
                Retries = reader.GetInt32(7),
                Throttles = reader.GetInt32(8),
                LastResponse = reader.IsDBNull(9) ? null : new StoredResponse(
                    reader.GetInt32(9), reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11), (byte[])reader.GetValue(12)),
            });
        }
        return events;
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await Task.Run(_writer.Join);
    }

    private Task Enqueue(Write write)
    {
        if (!_writes.Writer.TryWrite(write))
        {
            return Task.FromException(new ObjectDisposedException(nameof(SqliteAsyncEventStore)));
        }
        return write.Done.Task;
    }

    private void WriteLoop()
    {
        using var connection = _database.Open();
        using (var pragma = connection.CreateCommand())
        {
            // The writer checkpoints itself (SQLite's default: after the commit that passes 1,000 pages), so
            // the WAL starts over at the next batch; a checkpoint run beside a busy writer never catches up
            // and lets the WAL grow without bound. The size limit shrinks the file after a spike.
            pragma.CommandText = "PRAGMA wal_autocheckpoint = 1000; PRAGMA journal_size_limit = 67108864;";
            pragma.ExecuteNonQuery();
        }
        using var statements = new Statements(connection);
        var batch = new List<Write>(MaxBatch);
        var reader = _writes.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var write))
            {
                batch.Add(write);
            }
            try
            {
                using (var transaction = connection.BeginTransaction())
                {
                    statements.Enlist(transaction);
                    foreach (var write in batch)
                    {
                        statements.Apply(write);
                    }
                    transaction.Commit();
                }
                foreach (var write in batch)
                {
                    write.Done.TrySetResult();
                }
            }
            catch (SqliteException e)
            {
                // Nothing of the batch was acknowledged; callers see the failure (a 500 to the producer).
                foreach (var write in batch)
                {
                    write.Done.TrySetException(e);
                }
            }
            batch.Clear();
        }
    }

    private enum WriteKind { Append, Update, Delete }

    private sealed class Write(WriteKind kind, AsyncEvent? asyncEvent, ReadOnlyMemory<byte> payload)
    {
        public WriteKind Kind { get; } = kind;
        public AsyncEvent? Event { get; } = asyncEvent;
        public ReadOnlyMemory<byte> Payload { get; } = payload;
        public long Id { get; init; }
        public AttemptState State { get; init; }
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly record struct AttemptState(DateTimeOffset DueAt, int InvokeCount, int Retries, int Throttles, StoredResponse? LastResponse);

    /// <summary>The writer's prepared statements, reused for every batch.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _update;
        private readonly SqliteCommand _delete;

        public Statements(SqliteConnection connection)
        {
            _insert = Prepare(connection, """
                INSERT INTO async_events (id, request_id, function, qualifier, payload, enqueued_at, due_at)
                VALUES ($id, $request_id, $function, $qualifier, $payload, $enqueued_at, $due_at)
                """, "$id", "$request_id", "$function", "$qualifier", "$payload", "$enqueued_at", "$due_at");
            _update = Prepare(connection, """
                UPDATE async_events SET due_at = $due_at, invoke_count = $invoke_count, retries = $retries, throttles = $throttles,
                    last_status = $last_status, last_version = $last_version, last_error = $last_error, last_response = $last_response
                WHERE id = $id
                """, "$id", "$due_at", "$invoke_count", "$retries", "$throttles", "$last_status", "$last_version", "$last_error", "$last_response");
            _delete = Prepare(connection, "DELETE FROM async_events WHERE id = $id", "$id");
        }

        public void Enlist(SqliteTransaction transaction)
        {
            _insert.Transaction = transaction;
            _update.Transaction = transaction;
            _delete.Transaction = transaction;
        }

        public void Apply(Write write)
        {
            switch (write.Kind)
            {
                case WriteKind.Append:
                    var e = write.Event!;
                    var p = _insert.Parameters;
                    p[0].Value = e.Id;
                    p[1].Value = e.RequestId;
                    p[2].Value = e.FunctionName;
                    p[3].Value = e.Qualifier;
                    p[4].Value = write.Payload.ToArray();
                    p[5].Value = e.EnqueuedAt.ToUnixTimeMilliseconds();
                    p[6].Value = e.DueAt.ToUnixTimeMilliseconds();
                    _insert.ExecuteNonQuery();
                    break;
                case WriteKind.Update:
                    var u = write.State;
                    var q = _update.Parameters;
                    q[0].Value = write.Event!.Id;
                    q[1].Value = u.DueAt.ToUnixTimeMilliseconds();
                    q[2].Value = u.InvokeCount;
                    q[3].Value = u.Retries;
                    q[4].Value = u.Throttles;
                    q[5].Value = (object?)u.LastResponse?.StatusCode ?? DBNull.Value;
                    q[6].Value = (object?)u.LastResponse?.ExecutedVersion ?? DBNull.Value;
                    q[7].Value = (object?)u.LastResponse?.FunctionError ?? DBNull.Value;
                    q[8].Value = u.LastResponse is { } r ? r.Payload.ToArray() : DBNull.Value;
                    _update.ExecuteNonQuery();
                    break;
                case WriteKind.Delete:
                    _delete.Parameters[0].Value = write.Id;
                    _delete.ExecuteNonQuery();
                    break;
            }
        }

        public void Dispose()
        {
            _insert.Dispose();
            _update.Dispose();
            _delete.Dispose();
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
}
