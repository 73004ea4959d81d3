using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Fulmen.Storage.Documents;

/// <summary>
/// One collection of an <see cref="IDocumentStore"/> as typed records: the store keeps JSON, this side owns the shape.
/// </summary>
public sealed class DocumentCollection<T>(IDocumentStore store, string name, JsonTypeInfo<T> type) where T : class
{
    private const int PageSize = 500;
    private const int MaxConflicts = 100;

    public string Name => name;

    public async Task<Versioned<T>?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await store.GetAsync(name, id, cancellationToken) is { } stored ? Read(stored) : null;

    public async Task<(IReadOnlyList<Versioned<T>> Items, string? Next)> ListAsync(string? after, int limit, CancellationToken cancellationToken = default)
    {
        var page = await store.ListAsync(name, after, limit, cancellationToken);
        return ([.. page.Documents.Select(Read)], page.Next);
    }

    /// <summary>Every document, ordered by id, a page at a time.</summary>
    public async IAsyncEnumerable<Versioned<T>> ListAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        do
        {
            var page = await store.ListAsync(name, after, PageSize, cancellationToken);
            foreach (var stored in page.Documents)
            {
                yield return Read(stored);
            }
            after = page.Next;
        }
        while (after is not null);
    }

    /// <summary>Writes <paramref name="value"/> if the stored version is <paramref name="expectedVersion"/> (0: new); null on a conflict.</summary>
    public async Task<Versioned<T>?> TryWriteAsync(string id, T value, long expectedVersion, CancellationToken cancellationToken = default) =>
        await store.WriteAsync(name, id, JsonSerializer.Serialize(value, type), expectedVersion, cancellationToken) is { } version
            ? new Versioned<T>(id, version, value)
            : null;

    public Task<bool> DeleteAsync(string id, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(name, id, expectedVersion, cancellationToken);

    /// <summary>
    /// Reads the document, lets <paramref name="change"/> decide, and writes the decision conditionally on the version
    /// read; after a conflict (another writer got there first) it reads again and asks again. Returns the document as
    /// it stands afterwards (null when absent) and the change's result.
    /// </summary>
    public async Task<(Versioned<T>? Document, TResult Result)> ChangeAsync<TResult>(
        string id, Func<T?, DocumentChange<T, TResult>> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var current = await GetAsync(id, cancellationToken);
            var decision = change(current?.Value);
            switch (decision.Kind)
            {
                case DocumentChangeKind.Keep:
                    return (current, decision.Result);
                case DocumentChangeKind.Put when await TryWriteAsync(id, decision.Value!, current?.Version ?? 0, cancellationToken) is { } written:
                    return (written, decision.Result);
                case DocumentChangeKind.Delete when current is null:
                    return (null, decision.Result);
                case DocumentChangeKind.Delete when await DeleteAsync(id, current.Version, cancellationToken):
                    return (null, decision.Result);
            }
        }
        throw new InvalidOperationException($"Document {name}/{id} kept changing under {MaxConflicts} attempts to change it.");
    }

    /// <summary>
    /// <see cref="ChangeAsync{TResult}"/> for several documents (distinct ids) at one commit per round: each is read and
    /// decided, every decided write goes to the store in one <see cref="IDocumentStore.WriteBatchAsync"/>, and only those
    /// that conflicted are read and decided again. Returns each change's result, in the order of <paramref name="ids"/>.
    /// </summary>
    public async Task<IReadOnlyList<TResult>> ChangeBatchAsync<TResult>(
        IReadOnlyList<string> ids, Func<string, T?, DocumentChange<T, TResult>> change, CancellationToken cancellationToken = default)
    {
        var results = new TResult[ids.Count];
        var open = Enumerable.Range(0, ids.Count).ToList();
        for (var attempt = 0; open.Count > 0; attempt++)
        {
            if (attempt == MaxConflicts)
            {
                throw new InvalidOperationException($"Documents of {name} kept changing under {MaxConflicts} attempts to change them.");
            }
            var writes = new List<DocumentWrite>(open.Count);
            var written = new List<(int Index, TResult Result)>(open.Count);
            foreach (var index in open)
            {
                var current = await GetAsync(ids[index], cancellationToken);
                var decision = change(ids[index], current?.Value);
                if (decision.Kind == DocumentChangeKind.Keep || (decision.Kind == DocumentChangeKind.Delete && current is null))
                {
                    results[index] = decision.Result;
                    continue;
                }
                writes.Add(new DocumentWrite(name, ids[index],
                    decision.Kind == DocumentChangeKind.Put ? JsonSerializer.Serialize(decision.Value!, type) : null, current?.Version ?? 0));
                written.Add((index, decision.Result));
            }
            var applied = await store.WriteBatchAsync(writes, cancellationToken);
            open.Clear();
            for (var i = 0; i < written.Count; i++)
            {
                if (applied[i])
                {
                    results[written[i].Index] = written[i].Result;
                }
                else
                {
                    open.Add(written[i].Index);
                }
            }
        }
        return results;
    }

    private Versioned<T> Read(StoredDocument stored) => new(stored.Id, stored.Version,
        JsonSerializer.Deserialize(stored.Json, type) ?? throw new InvalidDataException($"Document {name}/{stored.Id} is empty."));
}

/// <summary>A typed document and the version that wrote it.</summary>
public sealed record Versioned<T>(string Id, long Version, T Value);
