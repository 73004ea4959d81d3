using Fulmen.Storage.Blobs;
using Fulmen.Storage.Checkpoints;
using Fulmen.Storage.Documents;
using Fulmen.Storage.Leases;
using Fulmen.Storage.Queues;

namespace Fulmen.Storage;

/// <summary>
/// The durable primitives of one database, SQLite or PostgreSQL: what every service builds on. Open one with
/// <see cref="StorageBackends.OpenAsync"/>; disposing it flushes the queue writers and closes connections.
/// </summary>
public sealed class StorageBackend : IAsyncDisposable
{
    public required string Kind { get; init; }
    /// <summary>Where the data is, for messages: a path, or host:port/database (never a password).</summary>
    public required string Location { get; init; }
    public required IDocumentStore Documents { get; init; }
    public required IQueueStore Queues { get; init; }
    public required ILeaseStore Leases { get; init; }
    public required ICheckpointStore Checkpoints { get; init; }
    public required IBlobStore Blobs { get; init; }
    /// <summary>Disposed with the backend (connection pools).</summary>
    public IAsyncDisposable? Resources { get; init; }

    public async ValueTask DisposeAsync()
    {
        await Queues.DisposeAsync();
        if (Resources is not null)
        {
            await Resources.DisposeAsync();
        }
    }
}
