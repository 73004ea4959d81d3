using Fulmen.Storage.Documents;

namespace Fulmen.Schedules.Firing;

/// <summary>
/// The durable state of every schedule, held in memory once loaded and written through with compare-and-swap. Two kinds
/// of documents per owner, each carrying the lease's fencing token of its writer:
/// <list type="bullet">
/// <item><c>owner/inflight</c>: the batch of ticks being fired, written once per batch before any is sent (its size is
/// the batch's, not the number of schedules).</item>
/// <item><c>owner/NN</c> (64 shards by id): each schedule's last tick fired. Written lazily (<see cref="FlushAsync"/>):
/// a tick done but not yet flushed is still named by the in-flight record, so a crash fires it again (at least once).</item>
/// </list>
/// Only the engine's loop calls it, so it takes no locks of its own.
/// </summary>
internal sealed class ScheduleStateStore(IDocumentStore store)
{
    public const int Shards = 64;
    private const string Collection = "schedule-state";
    private const string InFlight = "inflight";

    private readonly DocumentCollection<ScheduleStateShard> _documents =
        new(store, Collection, ScheduleStateJsonContext.Default.ScheduleStateShard);

    private readonly Dictionary<string, Versioned<ScheduleStateShard>> _shards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ScheduleState>> _dirty = new(StringComparer.Ordinal);

    /// <summary>Whether ticks were recorded done in memory and not yet flushed.</summary>
    public bool HasUnflushed => _dirty.Count > 0;

    /// <summary>Forgets what was held and reads every document again (at start, and when this node takes the lease).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        _shards.Clear();
        _dirty.Clear();
        await foreach (var shard in _documents.ListAllAsync(cancellationToken))
        {
            _shards[shard.Id] = shard;
        }
    }

    /// <summary>The schedule's state: its last tick done, and as pending the tick the last in-flight record names when it is later.</summary>
    public ScheduleState? Find(string owner, string id)
    {
        var shardId = ShardId(owner, id);
        var done = _dirty.TryGetValue(shardId, out var dirty) && dirty.TryGetValue(id, out var unflushed) ? unflushed
            : _shards.TryGetValue(shardId, out var shard) && shard.Value.Schedules.TryGetValue(id, out var stored) ? stored : null;
        if (_shards.TryGetValue($"{owner}/{InFlight}", out var inflight) && inflight.Value.Schedules.TryGetValue(id, out var pending)
            && pending.Pending is { } tick && (done is null || (done.Version == pending.Version && (done.LastFired is not { } last || tick > last))))
        {
            return done is null ? pending : done with { Pending = tick };
        }
        return done;
    }

    /// <summary>
    /// Records the ticks about to be fired (one write, replacing the previous batch's record). False when a holder with
    /// a higher token wrote: this node lost the lease, and nothing was written.
    /// </summary>
    public Task<bool> RecordInFlightAsync(string owner, long token, IReadOnlyList<(string Id, ScheduleState State)> batch, CancellationToken cancellationToken)
    {
        var schedules = new Dictionary<string, ScheduleState>(batch.Count, StringComparer.Ordinal);
        foreach (var (id, state) in batch)
        {
            schedules[id] = state;
        }
        return WriteAsync($"{owner}/{InFlight}", token, _ => schedules, cancellationToken);
    }

    /// <summary>Notes a tick done, in memory until <see cref="FlushAsync"/>.</summary>
    public void MarkDone(string owner, string id, ScheduleState state)
    {
        var shardId = ShardId(owner, id);
        if (!_dirty.TryGetValue(shardId, out var dirty))
        {
            _dirty[shardId] = dirty = new Dictionary<string, ScheduleState>(StringComparer.Ordinal);
        }
        dirty[id] = state;
    }

    /// <summary>
    /// Writes the done ticks noted since the last flush, one write per shard; schedules <paramref name="isLive"/> refuses
    /// (owner, id) leave the shards written. False when a holder with a higher token wrote (nothing more is written).
    /// </summary>
    public async Task<bool> FlushAsync(long token, Func<string, string, bool> isLive, CancellationToken cancellationToken)
    {
        foreach (var shardId in _dirty.Keys.ToList())
        {
            var changes = _dirty[shardId];
            var owner = shardId[..shardId.LastIndexOf('/')];
            var written = await WriteAsync(shardId, token, current =>
            {
                var schedules = new Dictionary<string, ScheduleState>(StringComparer.Ordinal);
                foreach (var (id, state) in current ?? [])
                {
                    if (isLive(owner, id))
                    {
                        schedules[id] = state;
                    }
                }
                foreach (var (id, state) in changes)
                {
                    schedules[id] = state;
                }
                return schedules;
            }, cancellationToken);
            if (!written)
            {
                return false;
            }
            _dirty.Remove(shardId);
        }
        return true;
    }

    private async Task<bool> WriteAsync(string documentId, long token,
        Func<Dictionary<string, ScheduleState>?, Dictionary<string, ScheduleState>> schedules, CancellationToken cancellationToken)
    {
        var current = _shards.GetValueOrDefault(documentId);
        while (true)
        {
            if (current is not null && current.Value.Token > token)
            {
                _shards[documentId] = current;
                return false;
            }
            var value = new ScheduleStateShard { Token = token, Schedules = schedules(current?.Value.Schedules) };
            if (await _documents.TryWriteAsync(documentId, value, current?.Version ?? 0, cancellationToken) is { } written)
            {
                _shards[documentId] = written;
                return true;
            }
            current = await _documents.GetAsync(documentId, cancellationToken); // another writer: read again, check its token
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
