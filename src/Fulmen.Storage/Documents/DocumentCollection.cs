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

    private Versioned<T> Read(StoredDocument stored) => new(stored.Id, stored.Version,
        JsonSerializer.Deserialize(stored.Json, type) ?? throw new InvalidDataException($"Document {name}/{stored.Id} is empty."));
}

/// <summary>A typed document and the version that wrote it.</summary>
public sealed record Versioned<T>(string Id, long Version, T Value);
