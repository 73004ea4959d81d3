using Fulmen.Storage.Leases;
using Microsoft.Data.Sqlite;

namespace Fulmen.Storage.Sqlite;

/// <summary>
/// Leases in <c>fulmen.db</c>: every take, renewal and release is one conditional statement. A released lease keeps its
/// row (holder empty, lapsed) so that its token keeps rising across holders: deleting it would restart the fencing
/// token at 1.
/// </summary>
internal sealed class SqliteLeaseStore(SqliteDatabase database, TimeProvider time) : ILeaseStore
{
    public async Task<Lease?> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder); // empty marks a released lease
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // Free, lapsed or already ours; the token rises when the holder changes.
        return await SingleAsync("""
            INSERT INTO leases (name, holder, token, expires_at) VALUES ($name, $holder, 1, $expires)
            ON CONFLICT (name) DO UPDATE SET
                token = CASE WHEN leases.holder = excluded.holder THEN leases.token ELSE leases.token + 1 END,
                holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= $now
            RETURNING name, holder, token, expires_at
            """, name, holder, token: null, now + (long)duration.TotalMilliseconds, now, cancellationToken);
    }

    public async Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return await SingleAsync("""
            UPDATE leases SET expires_at = $expires WHERE name = $name AND holder = $holder AND token = $token
            RETURNING name, holder, token, expires_at
            """, lease.Name, lease.Holder, lease.Token, now + (long)duration.TotalMilliseconds, now, cancellationToken);
    }

    public async Task<bool> ReleaseAsync(Lease lease, CancellationToken cancellationToken = default) =>
        await SingleAsync("UPDATE leases SET holder = '', expires_at = 0 WHERE name = $name AND holder = $holder AND token = $token RETURNING name, holder, token, expires_at",
            lease.Name, lease.Holder, lease.Token, 0, 0, cancellationToken) is not null;

    public Task<Lease?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        SingleAsync("SELECT name, holder, token, expires_at FROM leases WHERE name = $name AND holder <> ''", name, "", null, 0, 0, cancellationToken);

    private async Task<Lease?> SingleAsync(string sql, string name, string holder, long? token, long expires, long now, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$holder", holder);
        command.Parameters.AddWithValue("$token", (object?)token ?? DBNull.Value);
        command.Parameters.AddWithValue("$expires", expires);
        command.Parameters.AddWithValue("$now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Lease(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
            : null;
    }
}
