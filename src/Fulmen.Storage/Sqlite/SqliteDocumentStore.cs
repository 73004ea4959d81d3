using Fulmen.Storage.Documents;
using Microsoft.Data.Sqlite;

namespace Fulmen.Storage.Sqlite;

/// <summary>Versioned documents in <c>fulmen.db</c>; each write is one conditional statement, so it is atomic by itself.</summary>
internal sealed class SqliteDocumentStore(SqliteDatabase database) : IDocumentStore
{
    public async Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = Command(connection, "SELECT version, json FROM documents WHERE collection = $c AND id = $id", collection, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredDocument(id, reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public async Task<DocumentPage> ListAsync(string collection, string? after, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = database.Open();
        await using var command = Command(connection,
            "SELECT id, version, json FROM documents WHERE collection = $c AND id > $after ORDER BY id LIMIT $limit", collection, id: null);
        command.Parameters.AddWithValue("$after", after ?? "");
        command.Parameters.AddWithValue("$limit", limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var documents = new List<StoredDocument>();
        var more = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (documents.Count == limit)
            {
                more = true;
                break;
            }
            documents.Add(new StoredDocument(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }
        return new DocumentPage(documents, more ? documents[^1].Id : null);
    }

    public async Task<long?> WriteAsync(string collection, string id, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = Command(connection, expectedVersion == 0
            ? "INSERT INTO documents (collection, id, version, json) VALUES ($c, $id, 1, $json) ON CONFLICT (collection, id) DO NOTHING"
            : "UPDATE documents SET version = version + 1, json = $json WHERE collection = $c AND id = $id AND version = $expected", collection, id);
        command.Parameters.AddWithValue("$json", json);
        command.Parameters.AddWithValue("$expected", expectedVersion);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? expectedVersion + 1 : null;
    }

    public async Task<bool> DeleteAsync(string collection, string id, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = Command(connection,
            "DELETE FROM documents WHERE collection = $c AND id = $id AND ($expected IS NULL OR version = $expected)", collection, id);
        command.Parameters.AddWithValue("$expected", (object?)expectedVersion ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<bool>> WriteBatchAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
    {
        var applied = new bool[writes.Count];
        if (writes.Count == 0)
        {
            return applied;
        }
        await using var connection = database.Open();
        // Immediate: the write lock is taken up front, so the batch never fails half-way to a writer that came first.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            await using var command = Command(connection, write switch
            {
                { Json: null } => "DELETE FROM documents WHERE collection = $c AND id = $id AND version = $expected",
                { ExpectedVersion: 0 } => "INSERT INTO documents (collection, id, version, json) VALUES ($c, $id, 1, $json) ON CONFLICT (collection, id) DO NOTHING",
                _ => "UPDATE documents SET version = version + 1, json = $json WHERE collection = $c AND id = $id AND version = $expected",
            }, write.Collection, write.Id);
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$json", (object?)write.Json ?? DBNull.Value);
            command.Parameters.AddWithValue("$expected", write.ExpectedVersion);
            applied[i] = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        await transaction.CommitAsync(cancellationToken);
        return applied;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string collection, string? id)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$c", collection);
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
        }
        return command;
    }
}
