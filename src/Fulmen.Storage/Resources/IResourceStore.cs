namespace Fulmen.Storage.Resources;

/// <summary>
/// Durable JSON documents of the built-in services (APIs, routes, load balancers, …), by kind and id. Each
/// service serializes its own records; the store keeps them without knowing their shape, so a new kind of
/// resource needs no schema change.
/// </summary>
public interface IResourceStore
{
    Task<string?> GetAsync(string kind, string id, CancellationToken cancellationToken = default);

    /// <summary>Every document of a kind, ordered by id.</summary>
    Task<IReadOnlyList<StoredResource>> ListAsync(string kind, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the document.</summary>
    Task PutAsync(string kind, string id, string document, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string kind, string id, CancellationToken cancellationToken = default);
}

public sealed record StoredResource(string Id, string Document);
