using Fulmen.Storage.Checkpoints;
using Npgsql;

namespace Fulmen.Storage.PostgreSql;

/// <summary>Checkpoints in one table; saves are conditional single statements like document writes.</summary>
internal sealed class PostgreSqlCheckpointStore(PostgreSqlDatabase database, TimeProvider time) : ICheckpointStore
{
    public Task<Checkpoint?> GetAsync(string consumer, string partition, CancellationToken cancellationToken = default) =>
        database.RunAsync((consumer, partition), static async (connection, state, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT partition, position, version, updated_at FROM checkpoints WHERE consumer = $1 AND partition = $2", connection);
            command.Parameters.Add(new() { Value = state.consumer });
            command.Parameters.Add(new() { Value = state.partition });
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? Read(state.consumer, reader) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<Checkpoint>> ListAsync(string consumer, CancellationToken cancellationToken = default) =>
        database.RunAsync(consumer, static async (connection, consumer, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT partition, position, version, updated_at FROM checkpoints WHERE consumer = $1 ORDER BY partition", connection);
            command.Parameters.Add(new() { Value = consumer });
            await using var reader = await command.ExecuteReaderAsync(ct);
            var checkpoints = new List<Checkpoint>();
            while (await reader.ReadAsync(ct))
            {
                checkpoints.Add(Read(consumer, reader));
            }
            return (IReadOnlyList<Checkpoint>)checkpoints;
        }, cancellationToken);

    public Task<long?> TrySaveAsync(string consumer, string partition, string position, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return database.RunAsync((consumer, partition, position, expectedVersion, now), static async (connection, state, ct) =>
        {
            await using var command = new NpgsqlCommand(state.expectedVersion == 0
                ? "INSERT INTO checkpoints (consumer, partition, position, version, updated_at) VALUES ($1, $2, $3, 1, $4) ON CONFLICT DO NOTHING"
                : "UPDATE checkpoints SET position = $3, version = version + 1, updated_at = $4 WHERE consumer = $1 AND partition = $2 AND version = $5",
                connection);
            command.Parameters.Add(new() { Value = state.consumer });
            command.Parameters.Add(new() { Value = state.partition });
            command.Parameters.Add(new() { Value = state.position });
            command.Parameters.Add(new() { Value = state.now });
            if (state.expectedVersion != 0)
            {
                command.Parameters.Add(new() { Value = state.expectedVersion });
            }
            return await command.ExecuteNonQueryAsync(ct) == 1 ? state.expectedVersion + 1 : (long?)null;
        }, cancellationToken);
    }

    public Task<int> DeleteAsync(string consumer, CancellationToken cancellationToken = default) =>
        database.RunAsync(consumer, static async (connection, consumer, ct) =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM checkpoints WHERE consumer = $1", connection);
            command.Parameters.Add(new() { Value = consumer });
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    private static Checkpoint Read(string consumer, NpgsqlDataReader reader) => new(
        consumer, reader.GetString(0), reader.GetString(1), reader.GetInt64(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
}
