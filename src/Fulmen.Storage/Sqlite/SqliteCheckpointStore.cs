using Fulmen.Storage.Checkpoints;
using Microsoft.Data.Sqlite;

namespace Fulmen.Storage.Sqlite;

/// <summary>Checkpoints in <c>fulmen.db</c>, saved conditionally on the version read.</summary>
internal sealed class SqliteCheckpointStore(SqliteDatabase database, TimeProvider time) : ICheckpointStore
{
    public async Task<Checkpoint?> GetAsync(string consumer, string partition, CancellationToken cancellationToken = default) =>
        (await ReadAsync("SELECT consumer, partition, position, version, updated_at FROM checkpoints WHERE consumer = $consumer AND partition = $partition",
            consumer, partition, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<Checkpoint>> ListAsync(string consumer, CancellationToken cancellationToken = default) =>
        ReadAsync("SELECT consumer, partition, position, version, updated_at FROM checkpoints WHERE consumer = $consumer ORDER BY partition",
            consumer, null, cancellationToken);

    public async Task<long?> TrySaveAsync(string consumer, string partition, string position, long expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = expectedVersion == 0
            ? """
              INSERT INTO checkpoints (consumer, partition, position, version, updated_at) VALUES ($consumer, $partition, $position, 1, $now)
              ON CONFLICT (consumer, partition) DO NOTHING
              """
            : """
              UPDATE checkpoints SET position = $position, version = version + 1, updated_at = $now
              WHERE consumer = $consumer AND partition = $partition AND version = $expected
              """;
        command.Parameters.AddWithValue("$consumer", consumer);
        command.Parameters.AddWithValue("$partition", partition);
        command.Parameters.AddWithValue("$position", position);
        command.Parameters.AddWithValue("$expected", expectedVersion);
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? expectedVersion + 1 : null;
    }

    public async Task<int> DeleteAsync(string consumer, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM checkpoints WHERE consumer = $consumer";
        command.Parameters.AddWithValue("$consumer", consumer);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<Checkpoint>> ReadAsync(string sql, string consumer, string? partition, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$consumer", consumer);
        command.Parameters.AddWithValue("$partition", (object?)partition ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var checkpoints = new List<Checkpoint>();
        while (await reader.ReadAsync(cancellationToken))
        {
            checkpoints.Add(new Checkpoint(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }
        return checkpoints;
    }
}
