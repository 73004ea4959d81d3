using System.Net.Sockets;
using Npgsql;

namespace Fulmen.Storage.PostgreSql;

/// <summary>
/// The shared data source and the one place that tells "the server is gone" from every other error: such failures
/// become <see cref="StorageUnavailableException"/> naming the address, and the pool's idle connections (broken by a
/// server restart) are dropped so that the next operation connects afresh once the server is back.
/// </summary>
internal sealed class PostgreSqlDatabase(NpgsqlDataSource dataSource, string location)
{
    public NpgsqlDataSource DataSource => dataSource;

    public string Location => location;

    /// <summary>Runs one operation on a pooled connection; unreachable-server failures come out as <see cref="StorageUnavailableException"/>.</summary>
    public async Task<T> RunAsync<TState, T>(TState state, Func<NpgsqlConnection, TState, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await operation(connection, state, cancellationToken);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Unavailable(e);
        }
    }

    public StorageUnavailableException Unavailable(Exception e)
    {
        dataSource.Clear();
        return new StorageUnavailableException($"Cannot reach PostgreSQL at {location}: {Reason(e)}", e);
    }

    /// <summary>
    /// The server cannot be reached or is shutting down: socket errors and timeouts (Npgsql marks them transient),
    /// and the server's own SQLSTATE classes 08 (connection exception) and 57P (admin shutdown, cannot connect now).
    /// Other transient states such as serialization failures are real answers, not outages.
    /// </summary>
    public static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState.StartsWith("57P", StringComparison.Ordinal),
        NpgsqlException n => n.IsTransient || n.InnerException is SocketException or TimeoutException or IOException,
        SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>The innermost message: "Connection refused" says more than "Failed to connect to 127.0.0.1:5432".</summary>
    private static string Reason(Exception e)
    {
        var reason = e.Message;
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!string.IsNullOrWhiteSpace(inner.Message))
            {
                reason = inner.Message;
            }
        }
        return reason.ReplaceLineEndings(" ");
    }
}
