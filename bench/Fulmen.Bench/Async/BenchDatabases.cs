using Npgsql;

namespace Fulmen.Bench.Async;

/// <summary>Fresh databases on the PostgreSQL cluster a benchmark was given (bench/run.sh starts a throw-away one).</summary>
internal static class BenchDatabases
{
    /// <summary>Creates an empty database on <paramref name="cluster"/> (<c>postgresql://user:password@host:port/db</c>); returns its URL.</summary>
    public static async Task<string> CreateAsync(string cluster)
    {
        var url = new Uri(cluster);
        var name = $"fulmen_bench_{Guid.NewGuid():N}";
        var userInfo = url.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.Port,
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
            Database = "postgres",
            Pooling = false,
        };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new UriBuilder(url) { Path = "/" + name }.Uri.ToString();
    }
}
