using Fulmen.Storage.Leases;
using Npgsql;

namespace Fulmen.Storage.PostgreSql;

/// <summary>
/// Leases in one table, each change one statement so that nodes racing for a lease are decided by the row lock.
/// A released lease keeps its row (holder null, lapsed) so that its token keeps rising across holders: deleting it
/// would restart the fencing token at 1.
/// </summary>
internal sealed class PostgreSqlLeaseStore(PostgreSqlDatabase database, TimeProvider time) : ILeaseStore
{
    public Task<Lease?> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return database.RunAsync((name, holder, now, expires: now + (long)duration.TotalMilliseconds), static async (connection, state, ct) =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO leases AS l (name, holder, token, expires_at) VALUES ($1, $2, 1, $4)
                ON CONFLICT (name) DO UPDATE SET
                    token = CASE WHEN l.holder = EXCLUDED.holder THEN l.token ELSE l.token + 1 END,
                    holder = EXCLUDED.holder,
                    expires_at = EXCLUDED.expires_at
                WHERE l.expires_at <= $3 OR l.holder = EXCLUDED.holder OR l.holder IS NULL
                RETURNING token
                """, connection);
            command.Parameters.Add(new() { Value = state.name });
            command.Parameters.Add(new() { Value = state.holder });
            command.Parameters.Add(new() { Value = state.now });
            command.Parameters.Add(new() { Value = state.expires });
            return await command.ExecuteScalarAsync(ct) is long token
                ? new Lease(state.name, state.holder, token, DateTimeOffset.FromUnixTimeMilliseconds(state.expires))
                : null;
        }, cancellationToken);
    }

    public Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var expires = time.GetUtcNow().ToUnixTimeMilliseconds() + (long)duration.TotalMilliseconds;
        return database.RunAsync((lease, expires), static async (connection, state, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "UPDATE leases SET expires_at = $4 WHERE name = $1 AND holder = $2 AND token = $3", connection);
            command.Parameters.Add(new() { Value = state.lease.Name });
            command.Parameters.Add(new() { Value = state.lease.Holder });
            command.Parameters.Add(new() { Value = state.lease.Token });
            command.Parameters.Add(new() { Value = state.expires });
            return await command.ExecuteNonQueryAsync(ct) == 1
                ? state.lease with { ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(state.expires) }
                : null;
        }, cancellationToken);
    }

    public Task<bool> ReleaseAsync(Lease lease, CancellationToken cancellationToken = default) =>
        database.RunAsync(lease, static async (connection, lease, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "UPDATE leases SET holder = NULL, expires_at = 0 WHERE name = $1 AND holder = $2 AND token = $3", connection);
            command.Parameters.Add(new() { Value = lease.Name });
            command.Parameters.Add(new() { Value = lease.Holder });
            command.Parameters.Add(new() { Value = lease.Token });
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);

    public Task<Lease?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        database.RunAsync(name, static async (connection, name, ct) =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT holder, token, expires_at FROM leases WHERE name = $1 AND holder IS NOT NULL", connection);
            command.Parameters.Add(new() { Value = name });
            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct)
                ? new Lease(name, reader.GetString(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
                : null;
        }, cancellationToken);
}
