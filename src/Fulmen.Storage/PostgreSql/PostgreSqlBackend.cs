using Fulmen.Storage.Blobs;
using Npgsql;

namespace Fulmen.Storage.PostgreSql;

/// <summary>The primitives on a PostgreSQL database shared by every node.</summary>
public static class PostgreSqlBackend
{
    /// <summary>Auto-prepares the queue's and stores' few statements on each pooled connection: parsed once, not per call.</summary>
    private const int MaxAutoPrepare = 32;

    /// <param name="database">A <c>postgresql://</c> URL or an Npgsql connection string (see <see cref="PostgreSqlAddress"/>).</param>
    /// <param name="dataDirectory">Blob files live under <c>blobs/</c> here; their metadata is in the database.</param>
    public static async Task<StorageBackend> OpenAsync(string database, string dataDirectory, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var address = PostgreSqlAddress.Parse(database);
        if (address.ConnectionString.MaxAutoPrepare == 0)
        {
            address.ConnectionString.MaxAutoPrepare = MaxAutoPrepare;
        }
        var dataSource = NpgsqlDataSource.Create(address.ConnectionString);
        try
        {
            await PostgreSqlSchema.MigrateAsync(dataSource, address.Location, PostgreSqlSchema.Migrations, cancellationToken);
        }
        catch (Exception e) when (PostgreSqlDatabase.IsUnavailable(e))
        {
            var unavailable = new PostgreSqlDatabase(dataSource, address.Location).Unavailable(e);
            await dataSource.DisposeAsync();
            throw unavailable;
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
        var db = new PostgreSqlDatabase(dataSource, address.Location);
        var documents = new PostgreSqlDocumentStore(db);
        return new StorageBackend
        {
            Kind = "postgresql",
            Location = address.Location,
            Documents = documents,
            Queues = new PostgreSqlQueueStore(db, time),
            Leases = new PostgreSqlLeaseStore(db, time),
            Checkpoints = new PostgreSqlCheckpointStore(db, time),
            Blobs = new FileBlobStore(Path.Combine(dataDirectory, "blobs"), documents, time),
            Resources = dataSource,
        };
    }
}
