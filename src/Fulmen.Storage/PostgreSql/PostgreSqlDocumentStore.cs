using Fulmen.Storage.Documents;
using Npgsql;

namespace Fulmen.Storage.PostgreSql;

/// <summary>
/// Documents in one table. Writes are single conditional statements (insert-if-absent, update-if-version), so the
/// database decides races between nodes; ids sort by "C" collation, the byte order the contract calls ordinal.
/// </summary>
internal sealed class PostgreSqlDocumentStore(PostgreSqlDatabase database) : IDocumentStore
{
    public Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken = default) =>
        database.RunAsync((collection, id), static async (connection, state, ct) =>
        {
            await using var command = new NpgsqlCommand("SELECT version, json FROM documents WHERE collection = $1 AND id = $2", connection);
            command.Parameters.Add(new() { Value = state.collection });
            command.Parameters.Add(new() { Value = state.id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? new StoredDocument(state.id, reader.GetInt64(0), reader.GetString(1)) : null;
        }, cancellationToken);

    public Task<DocumentPage> ListAsync(string collection, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return database.RunAsync((collection, after, limit), static async (connection, state, ct) =>
        {
            // One row more than asked tells whether another page follows.
            await using var command = new NpgsqlCommand("""
                SELECT id, version, json FROM documents
                WHERE collection = $1 AND ($2::text IS NULL OR id > $2)
                ORDER BY id LIMIT $3
                """, connection);
            command.Parameters.Add(new() { Value = state.collection });
            command.Parameters.Add(new() { Value = (object?)state.after ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = (long)state.limit + 1 });
            await using var reader = await command.ExecuteReaderAsync(ct);
            var documents = new List<StoredDocument>();
            var more = false;
            while (await reader.ReadAsync(ct))
            {
                if (documents.Count == state.limit)
                {
                    more = true;
                    break;
                }
                documents.Add(new StoredDocument(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
            }
            return new DocumentPage(documents, more ? documents[^1].Id : null);
        }, cancellationToken);
    }

    public Task<long?> WriteAsync(string collection, string id, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        return database.RunAsync((collection, id, json, expectedVersion), static async (connection, state, ct) =>
        {
            await using var command = new NpgsqlCommand(state.expectedVersion == 0
                ? "INSERT INTO documents (collection, id, version, json) VALUES ($1, $2, 1, $3) ON CONFLICT DO NOTHING"
                : "UPDATE documents SET version = version + 1, json = $3 WHERE collection = $1 AND id = $2 AND version = $4", connection);
            command.Parameters.Add(new() { Value = state.collection });
            command.Parameters.Add(new() { Value = state.id });
            command.Parameters.Add(new() { Value = state.json });
            if (state.expectedVersion != 0)
            {
                command.Parameters.Add(new() { Value = state.expectedVersion });
            }
            return await command.ExecuteNonQueryAsync(ct) == 1 ? state.expectedVersion + 1 : (long?)null;
        }, cancellationToken);
    }

    public Task<bool> DeleteAsync(string collection, string id, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        database.RunAsync((collection, id, expectedVersion), static async (connection, state, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "DELETE FROM documents WHERE collection = $1 AND id = $2 AND ($3::bigint IS NULL OR version = $3)", connection);
            command.Parameters.Add(new() { Value = state.collection });
            command.Parameters.Add(new() { Value = state.id });
            command.Parameters.Add(new() { Value = (object?)state.expectedVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            return await command.ExecuteNonQueryAsync(ct) > 0;
        }, cancellationToken);

    /// <summary>One round trip: a batch without an explicit transaction runs as one implicit transaction, one commit.</summary>
    public Task<IReadOnlyList<bool>> WriteBatchAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        if (writes.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<bool>>([]);
        }
        return database.RunAsync(writes, static async (connection, writes, ct) =>
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var write in writes)
            {
                // $3 is the version expected or the JSON written, whichever the statement needs.
                var command = new NpgsqlBatchCommand(write switch
                {
                    { Json: null } => "DELETE FROM documents WHERE collection = $1 AND id = $2 AND version = $3",
                    { ExpectedVersion: 0 } => "INSERT INTO documents (collection, id, version, json) VALUES ($1, $2, 1, $3) ON CONFLICT DO NOTHING",
                    _ => "UPDATE documents SET version = version + 1, json = $3 WHERE collection = $1 AND id = $2 AND version = $4",
                });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Collection });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Id });
                if (write.Json is { } json)
                {
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = json });
                }
                if (write.Json is null || write.ExpectedVersion != 0)
                {
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = write.ExpectedVersion });
                }
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
            var applied = new bool[writes.Count];
            for (var i = 0; i < applied.Length; i++)
            {
                applied[i] = batch.BatchCommands[i].RecordsAffected == 1;
            }
            return (IReadOnlyList<bool>)applied;
        }, cancellationToken);
    }
}
