using Fulmen.Storage.Resources;

namespace Fulmen.Storage.Sqlite;

public sealed class SqliteResourceStore(SqliteDatabase database) : IResourceStore
{
    public async Task<string?> GetAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM resources WHERE kind = $kind AND id = $id";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$id", id);
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StoredResource>> ListAsync(string kind, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, document FROM resources WHERE kind = $kind ORDER BY id";
        command.Parameters.AddWithValue("$kind", kind);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var resources = new List<StoredResource>();
        while (await reader.ReadAsync(cancellationToken))
        {
            resources.Add(new StoredResource(reader.GetString(0), reader.GetString(1)));
        }
        return resources;
    }

    public async Task PutAsync(string kind, string id, string document, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO resources (kind, id, document) VALUES ($kind, $id, $document)
            ON CONFLICT (kind, id) DO UPDATE SET document = excluded.document
            """;
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$document", document);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string kind, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM resources WHERE kind = $kind AND id = $id";
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
