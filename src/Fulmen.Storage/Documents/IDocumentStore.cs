namespace Fulmen.Storage.Documents;

/// <summary>
/// Versioned JSON documents in named collections, keyed by id. Every write names the version it replaces
/// (compare-and-swap), so two writers that read the same version cannot both succeed: the second gets a
/// conflict and must read again. Safe for concurrent use by several processes sharing one database.
/// </summary>
public interface IDocumentStore
{
    Task<StoredDocument?> GetAsync(string collection, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> documents with ids after <paramref name="after"/> (ordinal order);
    /// <see cref="DocumentPage.Next"/> is the id to pass for the following page, or null after the last.
    /// </summary>
    Task<DocumentPage> ListAsync(string collection, string? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the document if its stored version is <paramref name="expectedVersion"/> (0: it must not exist yet).
    /// Returns the new version (expected + 1), or null on a conflict; nothing is overwritten then.
    /// </summary>
    Task<long?> WriteAsync(string collection, string id, string json, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Deletes the document if it exists and, when <paramref name="expectedVersion"/> is given, has that version.</summary>
    Task<bool> DeleteAsync(string collection, string id, long? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies several conditional writes and deletes in one transaction, so they cost one commit (one flush) instead
    /// of one each. Each is decided on its own, exactly as <see cref="WriteAsync"/> or <see cref="DeleteAsync"/> with
    /// its expected version would decide it: the result says, in list order, which took effect; a conflict leaves
    /// that document as it was and does not undo the others.
    /// </summary>
    Task<IReadOnlyList<bool>> WriteBatchAsync(IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default);
}

/// <summary>
/// One write of <see cref="IDocumentStore.WriteBatchAsync"/>: <see cref="Json"/> replaces the document stored at
/// <see cref="ExpectedVersion"/> (0: creates it), or, when null, the document of that version is deleted.
/// </summary>
public sealed record DocumentWrite(string Collection, string Id, string? Json, long ExpectedVersion);

/// <summary>A document as stored: its JSON and the version that wrote it (1 for the first write).</summary>
public sealed record StoredDocument(string Id, long Version, string Json);

public sealed record DocumentPage(IReadOnlyList<StoredDocument> Documents, string? Next);
