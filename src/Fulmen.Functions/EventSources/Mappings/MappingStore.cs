using System.Threading.Channels;
using Fulmen.Storage.Documents;

namespace Fulmen.Functions.EventSources.Mappings;

/// <summary>
/// The event source mappings of this server: documents in the store, held in memory (the pollers and List read them
/// from here). Each change is one mutation of one document; every stored change is announced on
/// <see cref="Changes"/> so the supervisor settles states and starts or stops pollers.
/// </summary>
public sealed class MappingStore
{
    public const string Collection = "event-source-mappings";

    private readonly DocumentView<EventSourceMappingRecord, EventSourceMappingRecord> _view;
    private readonly Channel<string> _changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    // Uniqueness of (function, source) spans documents; one create at a time in this process keeps it.
    private readonly SemaphoreSlim _uniqueness = new(1, 1);

    public MappingStore(IDocumentStore store)
    {
        _view = new DocumentView<EventSourceMappingRecord, EventSourceMappingRecord>(
            new DocumentCollection<EventSourceMappingRecord>(store, Collection, MappingJsonContext.Default.EventSourceMappingRecord),
            static (record, _) => record,
            (id, _, _) => { _changes.Writer.TryWrite(id); return ValueTask.CompletedTask; });
    }

    /// <summary>Ids of mappings that changed (or were loaded), in order; read by the supervisor only.</summary>
    public ChannelReader<string> Changes => _changes.Reader;

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _view.LoadAsync(cancellationToken);
        foreach (var entry in _view.Entries)
        {
            _changes.Writer.TryWrite(entry.Uuid);
        }
    }

    public ValueTask<EventSourceMappingRecord?> FindAsync(string uuid, CancellationToken cancellationToken = default) =>
        _view.GetAsync(uuid, cancellationToken);

    /// <summary>Every mapping, ordered by UUID.</summary>
    public IReadOnlyList<EventSourceMappingRecord> List() =>
        [.. _view.Entries.OrderBy(record => record.Uuid, StringComparer.Ordinal)];

    /// <summary>
    /// Adds the mapping unless one for the same function and source exists: then returns that one instead
    /// (created false).
    /// </summary>
    public async Task<(EventSourceMappingRecord Mapping, bool Created)> TryCreateAsync(
        EventSourceMappingRecord record, Func<EventSourceMappingRecord, bool> sameTarget, CancellationToken cancellationToken = default)
    {
        await _uniqueness.WaitAsync(cancellationToken);
        try
        {
            if (_view.Entries.FirstOrDefault(sameTarget) is { } existing)
            {
                return (existing, false);
            }
            var (entry, _) = await _view.ChangeAsync(record.Uuid,
                current => current is null ? DocumentChange.Put(record, true) : DocumentChange.Keep<EventSourceMappingRecord, bool>(false), cancellationToken);
            return (entry!, true);
        }
        finally
        {
            _uniqueness.Release();
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the mapping as stored now, as one mutation; the change returns the same
    /// instance to write nothing, or throws to refuse. Null when the mapping does not exist.
    /// </summary>
    public async Task<EventSourceMappingRecord?> ChangeAsync(
        string uuid, Func<EventSourceMappingRecord, EventSourceMappingRecord> change, CancellationToken cancellationToken = default)
    {
        var (entry, _) = await _view.ChangeAsync(uuid, current =>
        {
            if (current is null)
            {
                return DocumentChange.Keep<EventSourceMappingRecord, bool>(false);
            }
            var next = change(current);
            return ReferenceEquals(next, current) ? DocumentChange.Keep<EventSourceMappingRecord, bool>(true) : DocumentChange.Put(next, true);
        }, cancellationToken);
        return entry;
    }

    /// <summary>Removes the mapping if it is still in <paramref name="state"/>.</summary>
    public async Task<bool> DeleteIfAsync(string uuid, string state, CancellationToken cancellationToken = default)
    {
        var (_, deleted) = await _view.ChangeAsync(uuid,
            current => current?.State == state
                ? DocumentChange.Delete<EventSourceMappingRecord, bool>(true)
                : DocumentChange.Keep<EventSourceMappingRecord, bool>(false), cancellationToken);
        return deleted;
    }
}
