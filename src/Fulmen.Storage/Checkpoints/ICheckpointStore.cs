namespace Fulmen.Storage.Checkpoints;

/// <summary>
/// Where a consumer stands in each shard or partition of a source (a stream's sequence number, a topic's offset).
/// Saves are conditional on the version read, so a consumer that lost its lease cannot move a position back.
/// </summary>
public interface ICheckpointStore
{
    Task<Checkpoint?> GetAsync(string consumer, string partition, CancellationToken cancellationToken = default);

    /// <summary>Every partition's checkpoint of a consumer, ordered by partition.</summary>
    Task<IReadOnlyList<Checkpoint>> ListAsync(string consumer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the position if the stored version is <paramref name="expectedVersion"/> (0: none saved yet).
    /// Returns the new version, or null on a conflict.
    /// </summary>
    Task<long?> TrySaveAsync(string consumer, string partition, string position, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Forgets every checkpoint of a consumer (its mapping was deleted); returns how many.</summary>
    Task<int> DeleteAsync(string consumer, CancellationToken cancellationToken = default);
}

public sealed record Checkpoint(string Consumer, string Partition, string Position, long Version, DateTimeOffset UpdatedAt);
