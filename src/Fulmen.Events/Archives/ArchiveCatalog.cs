using Fulmen.Patterns;
using Fulmen.Storage.Documents;

namespace Fulmen.Events.Archives;

/// <summary>An archive as PutEvents uses it: the record and its compiled pattern.</summary>
public sealed record ArchiveEntry(ArchiveRecord Record, EventPattern? Pattern)
{
    public static ArchiveEntry From(ArchiveRecord record)
    {
        try
        {
            return new(record, record.EventPattern is { } text ? EventPattern.Parse(text, PatternDialect.EventBridge) : null);
        }
        catch (InvalidPatternException)
        {
            // CreateArchive checked it; one a later matcher refuses keeps nothing rather than stop the server loading.
            return new(record, null);
        }
    }

    /// <summary>Whether the archive keeps <paramref name="envelope"/>: every event when it has no pattern.</summary>
    public bool Keeps(System.Text.Json.JsonElement envelope) => Record.EventPattern is null || (Pattern?.Matches(envelope) ?? false);
}

/// <summary>
/// Archives and replays, one document each, held in memory; the archives of each bus are looked up without a scan on
/// every PutEvents. <see cref="ReplayQueued"/> tells the <see cref="ReplayRunner"/> about a replay to run.
/// </summary>
public sealed class ArchiveCatalog
{
    private readonly DocumentView<ArchiveRecord, ArchiveEntry> _archives;
    private readonly DocumentView<ReplayRecord, ReplayRecord> _replays;
    private volatile Dictionary<string, ArchiveEntry[]>? _byBus;

    public ArchiveCatalog(IDocumentStore store)
    {
        _archives = new(new DocumentCollection<ArchiveRecord>(store, "events-archive", ArchivesJsonContext.Default.ArchiveRecord),
            static (record, _) => ArchiveEntry.From(record),
            (_, _, _) =>
            {
                _byBus = null;
                return ValueTask.CompletedTask;
            });
        _replays = new(new DocumentCollection<ReplayRecord>(store, "events-replay", ArchivesJsonContext.Default.ReplayRecord), static (record, _) => record);
    }

    /// <summary>A replay was stored as STARTING (or should be resumed): its name.</summary>
    public event Action<string>? ReplayQueued;

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _archives.LoadAsync(cancellationToken);
        await _replays.LoadAsync(cancellationToken);
        _byBus = null;
    }

    public IReadOnlyList<ArchiveEntry> Archives => [.. _archives.Entries.OrderBy(a => a.Record.Name, StringComparer.Ordinal)];

    public ValueTask<ArchiveEntry?> FindArchiveAsync(string name, CancellationToken cancellationToken = default) => _archives.GetAsync(name, cancellationToken);

    /// <summary>The archives that keep events of <paramref name="bus"/>.</summary>
    public ArchiveEntry[] ArchivesOf(string bus)
    {
        var byBus = _byBus ??= _archives.Entries.GroupBy(a => a.Record.BusName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        return byBus.TryGetValue(bus, out var archives) ? archives : [];
    }

    public Task<(ArchiveEntry? Archive, TResult Result)> ChangeArchiveAsync<TResult>(
        string name, Func<ArchiveRecord?, DocumentChange<ArchiveRecord, TResult>> change, CancellationToken cancellationToken = default) =>
        _archives.ChangeAsync(name, change, cancellationToken);

    public IReadOnlyList<ReplayRecord> Replays => [.. _replays.Entries.OrderBy(r => r.Name, StringComparer.Ordinal)];

    public ValueTask<ReplayRecord?> FindReplayAsync(string name, CancellationToken cancellationToken = default) => _replays.GetAsync(name, cancellationToken);

    public Task<(ReplayRecord? Replay, TResult Result)> ChangeReplayAsync<TResult>(
        string name, Func<ReplayRecord?, DocumentChange<ReplayRecord, TResult>> change, CancellationToken cancellationToken = default) =>
        _replays.ChangeAsync(name, change, cancellationToken);

    public void Queue(string replay) => ReplayQueued?.Invoke(replay);
}
