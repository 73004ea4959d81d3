using Fulmen.Storage.Blobs;

namespace Fulmen.Storage.Sqlite;

/// <summary>The primitives on the embedded SQLite files in the data directory.</summary>
public static class SqliteBackend
{
    public static Task<StorageBackend> OpenAsync(string dataDirectory, TimeProvider time, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(dataDirectory);
        var main = new SqliteDatabase(Path.Combine(dataDirectory, "fulmen.db"), SqliteSchema.Main);
        var queues = new SqliteDatabase(Path.Combine(dataDirectory, "queues.db"), SqliteSchema.Queues);
        var documents = new SqliteDocumentStore(main);
        return Task.FromResult(new StorageBackend
        {
            Kind = "sqlite",
            Location = Path.GetFullPath(dataDirectory),
            Documents = documents,
            Queues = new SqliteQueueStore(queues, time),
            Leases = new SqliteLeaseStore(main, time),
            Checkpoints = new SqliteCheckpointStore(main, time),
            Blobs = new FileBlobStore(Path.Combine(dataDirectory, "blobs"), documents, time),
        });
    }
}
