using System.Collections.Concurrent;

namespace Fulmen.Storage.Documents;

/// <summary>
/// A collection held in memory for a request path that must not touch the database, written through to the store.
/// Every change to one id is one mutation: a lock per id in this process, and compare-and-swap in the store against
/// writers elsewhere. Memory is updated only after the store accepted the change, under the same lock, so the view
/// never disagrees with what was stored. Each document is held as an entry projected from it (the record itself,
/// or what the request path derives from it).
/// </summary>
public sealed class DocumentView<T, TEntry> where T : class where TEntry : class
{
    private readonly ConcurrentDictionary<string, (long Version, TEntry Entry)> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly DocumentCollection<T> _collection;
    private readonly Func<T, TEntry?, TEntry> _project;
    private readonly Func<string, TEntry?, TEntry?, ValueTask>? _changed;

    /// <param name="project">Makes the entry of a stored record; gets the id's previous entry, if any.</param>
    /// <param name="changed">Called under the id's lock after each stored change (previous entry, new entry).</param>
    public DocumentView(DocumentCollection<T> collection, Func<T, TEntry?, TEntry> project, Func<string, TEntry?, TEntry?, ValueTask>? changed = null)
    {
        _collection = collection;
        _project = project;
        _changed = changed;
    }

    /// <summary>Reads every stored document into memory; call once before serving.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var document in _collection.ListAllAsync(cancellationToken))
        {
            _entries[document.Id] = (document.Version, _project(document.Value, Find(document.Id)));
        }
    }

    public TEntry? Find(string id) => _entries.TryGetValue(id, out var held) ? held.Entry : null;

    /// <summary>The entry from memory, else from the store (a document another process added since the load).</summary>
    public async ValueTask<TEntry?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (Find(id) is { } entry)
        {
            return entry;
        }
        var (found, _) = await ChangeAsync(id, static _ => DocumentChange.Keep<T, bool>(true), cancellationToken);
        return found;
    }

    /// <summary>A snapshot of every entry, in no particular order.</summary>
    public IReadOnlyList<TEntry> Entries => [.. _entries.Values.Select(held => held.Entry)];

    /// <summary>
    /// Applies <paramref name="change"/> to the stored record (null when absent) as one mutation; returns the entry
    /// afterwards (null when absent) and the change's result. Exceptions from the change leave everything as it was.
    /// </summary>
    public async Task<(TEntry? Entry, TResult Result)> ChangeAsync<TResult>(
        string id, Func<T?, DocumentChange<T, TResult>> change, CancellationToken cancellationToken = default)
    {
        var gate = _locks[(StringComparer.Ordinal.GetHashCode(id) & int.MaxValue) % _locks.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var (document, result) = await _collection.ChangeAsync(id, change, cancellationToken);
            var held = _entries.TryGetValue(id, out var h) ? h : ((long Version, TEntry Entry)?)null;
            if (document?.Version == held?.Version)
            {
                return (held?.Entry, result); // nothing changed
            }
            TEntry? entry = null;
            if (document is null)
            {
                _entries.TryRemove(id, out _);
            }
            else
            {
                entry = _project(document.Value, held?.Entry);
                _entries[id] = (document.Version, entry);
            }
            if (_changed is not null)
            {
                await _changed(id, held?.Entry, entry);
            }
            return (entry, result);
        }
        finally
        {
            gate.Release();
        }
    }
}
