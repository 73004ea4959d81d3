using Npgsql;

namespace Fulmen.Storage.PostgreSql;

/// <summary>Fresh, empty databases on a PostgreSQL server, such as the throw-away ones of tests and benchmarks.</summary>
public static class PostgreSqlDatabases
{
    /// <summary>
    /// Creates a database named <paramref name="prefix"/> and a random suffix on the server at <paramref name="server"/>
    /// (a <c>postgresql://</c> URL whose user may create databases); returns the new database's URL.
    /// </summary>
    public static async Task<string> CreateAsync(string server, string prefix, CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        var builder = new NpgsqlConnectionStringBuilder(PostgreSqlAddress.Parse(server).ConnectionString.ConnectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return new UriBuilder(server) { Path = "/" + name }.Uri.ToString();
    }
}
