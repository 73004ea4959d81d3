using Fulmen.Storage.Documents;

namespace Fulmen.Schedules.Firing;

/// <summary>
/// The durable state of every schedule (<see cref="ScheduleStateShard"/> documents), held in memory once loaded and
/// written through with compare-and-swap. Only the engine's loop calls it, so it takes no locks of its own.
/// </summary>
internal sealed class ScheduleStateStore(IDocumentStore store)
{
    public const int Shards = 64;
    private const string Collection = "schedule-state";

    private readonly DocumentCollection<ScheduleStateShard> _documents =
        new(store, Collection, ScheduleStateJsonContext.Default.ScheduleStateShard);

    private readonly Dictionary<string, Versioned<ScheduleStateShard>> _shards = new(StringComparer.Ordinal);

    /// <summary>Forgets what was held and reads every shard again (at start, and when this node takes the lease).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        _shards.Clear();
        await foreach (var shard in _documents.ListAllAsync(cancellationToken))
        {
            _shards[shard.Id] = shard;
        }
    }

    public ScheduleState? Find(string owner, string id) =>
        _shards.TryGetValue(ShardId(owner, id), out var shard) && shard.Value.Schedules.TryGetValue(id, out var state) ? state : null;

    /// <summary>
    /// Writes the given states (null removes one) under fencing token <paramref name="token"/>, one write per shard
    /// touched; schedules <paramref name="isLive"/> refuses are dropped from the shards written. False when a holder
    /// with a higher token wrote: this node lost the lease, and nothing more was written.
    /// </summary>
    public async Task<bool> WriteAsync(string owner, long token, IReadOnlyList<(string Id, ScheduleState? State)> changes,
        Func<string, bool> isLive, CancellationToken cancellationToken)
    {
        foreach (var group in changes.GroupBy(change => ShardId(owner, change.Id), StringComparer.Ordinal))
        {
            if (!await WriteShardAsync(group.Key, token, [.. group], isLive, cancellationToken))
            {
                return false;
            }
        }
        return true;
    }

    private async Task<bool> WriteShardAsync(string shardId, long token, IReadOnlyList<(string Id, ScheduleState? State)> changes,
        Func<string, bool> isLive, CancellationToken cancellationToken)
    {
        var current = _shards.GetValueOrDefault(shardId);
        while (true)
        {
            if (current is not null && current.Value.Token > token)
            {
                _shards[shardId] = current;
                return false;
            }
            var schedules = new Dictionary<string, ScheduleState>(StringComparer.Ordinal);
            foreach (var (id, state) in current?.Value.Schedules ?? [])
            {
                if (isLive(id))
                {
                    schedules[id] = state;
                }
            }
            foreach (var (id, state) in changes)
            {
                if (state is null)
                {
                    schedules.Remove(id);
                }
                else
                {
                    schedules[id] = state;
                }
            }
            var value = new ScheduleStateShard { Token = token, Schedules = schedules };
            if (await _documents.TryWriteAsync(shardId, value, current?.Version ?? 0, cancellationToken) is { } written)
            {
                _shards[shardId] = written;
                return true;
            }
            current = await _documents.GetAsync(shardId, cancellationToken); // another writer: read again, check its token
        }
    }

    /// <summary>A stable shard (string hashes differ per process): FNV-1a of the id.</summary>
    internal static string ShardId(string owner, string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return $"{owner}/{hash % Shards:D2}";
    }
}
