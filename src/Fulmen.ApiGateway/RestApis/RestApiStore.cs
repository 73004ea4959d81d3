using Fulmen.Storage.Documents;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>
/// REST APIs as one document each (collection <c>apigateway.restapi</c>), held in memory for the execute-api path.
/// A change edits a fresh copy of the stored document as one mutation (lock per API, compare-and-swap in the store),
/// so a request being served keeps the whole document it started with.
/// </summary>
public sealed class RestApiStore(IDocumentStore store)
{
    public const string Kind = "apigateway.restapi";
    private readonly DocumentView<RestApiDocument, RestApiDocument> _apis = new(
        new DocumentCollection<RestApiDocument>(store, Kind, RestApiJsonContext.Default.RestApiDocument), static (document, _) => document);

    /// <summary>10 lowercase alphanumerics, like AWS's API, resource and deployment ids.</summary>
    public static string NewId() => Fulmen.ApiGateway.ExecuteApi.ExecuteApiAddress.NewId();

    /// <summary>Reads every API into memory; once, before requests arrive.</summary>
    public Task LoadAsync(CancellationToken cancellationToken = default) => _apis.LoadAsync(cancellationToken);

    /// <summary>The API, from memory: an id of another kind (an HTTP API, a typo) is answered without touching the database.</summary>
    public ValueTask<RestApiDocument?> FindAsync(string apiId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(IsId(apiId) ? _apis.Find(apiId) : null);

    public Task<IReadOnlyList<RestApiDocument>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RestApiDocument>>([.. _apis.Entries.OrderBy(document => document.Api.Id, StringComparer.Ordinal)]);

    public async Task CreateAsync(RestApiDocument document, CancellationToken cancellationToken) =>
        await _apis.ChangeAsync(document.Api.Id, _ => DocumentChange.Put(document, true), cancellationToken);

    /// <summary>Applies <paramref name="change"/> to a fresh copy of the API and stores it; NotFoundException when there is no such API.</summary>
    public async Task<T> ChangeAsync<T>(string apiId, Func<RestApiDocument, T> change, CancellationToken cancellationToken)
    {
        if (!IsId(apiId))
        {
            throw RestApiException.ApiNotFound();
        }
        var (_, result) = await _apis.ChangeAsync(apiId, document =>
            document is null ? throw RestApiException.ApiNotFound() : DocumentChange.Put(document, change(document)), cancellationToken);
        return result;
    }

    public async Task<bool> DeleteAsync(string apiId, CancellationToken cancellationToken)
    {
        if (!IsId(apiId))
        {
            return false;
        }
        var (_, deleted) = await _apis.ChangeAsync(apiId, document => DocumentChange.Delete<RestApiDocument, bool>(document is not null), cancellationToken);
        return deleted;
    }

    private static bool IsId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);
}
