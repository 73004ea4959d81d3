using System.Text.Json;
using Fulmen.Storage.Functions;
using Microsoft.Data.Sqlite;

namespace Fulmen.Storage.Sqlite;

public sealed class SqliteFunctionStore(SqliteDatabase database) : IFunctionStore
{
    public async Task<FunctionRecord?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM functions WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        var document = (string?)await command.ExecuteScalarAsync(cancellationToken);
        return document is null ? null : Deserialize(document);
    }

    public async Task<IReadOnlyList<FunctionRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document FROM functions ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var functions = new List<FunctionRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            functions.Add(Deserialize(reader.GetString(0)));
        }
        return functions;
    }

    public async Task<bool> TryCreateAsync(FunctionRecord function, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO functions (name, document) VALUES ($name, $document) ON CONFLICT (name) DO NOTHING";
        command.Parameters.AddWithValue("$name", function.Name);
        command.Parameters.AddWithValue("$document", Serialize(function));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> UpdateAsync(FunctionRecord function, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE functions SET document = $document WHERE name = $name";
        command.Parameters.AddWithValue("$name", function.Name);
        command.Parameters.AddWithValue("$document", Serialize(function));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM functions WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static string Serialize(FunctionRecord function) =>
        JsonSerializer.Serialize(function, StorageJsonContext.Default.FunctionRecord);

    private static FunctionRecord Deserialize(string document) =>
        JsonSerializer.Deserialize(document, StorageJsonContext.Default.FunctionRecord)
        ?? throw new InvalidDataException("A stored function document is empty.");
}
