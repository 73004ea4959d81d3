using Fulmen.Protocols.Errors;
using Fulmen.Storage.Documents;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>
/// HTTP APIs as one document each (collection <c>httpapi</c>), held in memory for the execute-api path; each change
/// is one mutation of the stored API (lock per API, compare-and-swap in the store). Readers never wait.
/// </summary>
public sealed class HttpApiRepository(IDocumentStore store)
{
    public const string Kind = "httpapi";

    private readonly DocumentView<HttpApi, HttpApi> _apis = new(
        new DocumentCollection<HttpApi>(store, Kind, HttpApiJsonContext.Default.HttpApi), static (api, _) => api);

    /// <summary>Reads every API into memory; once, before requests arrive.</summary>
    public Task LoadAsync(CancellationToken cancellationToken = default) => _apis.LoadAsync(cancellationToken);

    public ValueTask<HttpApi?> FindAsync(string apiId, CancellationToken cancellationToken) => ValueTask.FromResult(_apis.Find(apiId));

    public ValueTask<IReadOnlyList<HttpApi>> ListAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<HttpApi>>([.. _apis.Entries.OrderBy(api => api.CreatedDate).ThenBy(api => api.ApiId, StringComparer.Ordinal)]);

    public async Task AddAsync(HttpApi api, CancellationToken cancellationToken) =>
        await _apis.ChangeAsync(api.ApiId, _ => DocumentChange.Put(api, true), cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the API as stored now and stores the result. The change returns the new API
    /// and a value for the caller, or an error message kind to answer with (nothing is stored then).
    /// </summary>
    public async Task<(T? Value, AwsError? Error)> UpdateAsync<T>(string apiId, Func<HttpApi, (HttpApi? Updated, T? Value, AwsError? Error)> change, CancellationToken cancellationToken)
    {
        var (_, result) = await _apis.ChangeAsync(apiId, api =>
        {
            if (api is null)
            {
                return DocumentChange.Keep<HttpApi, (T?, AwsError?)>((default, HttpApiError.ApiNotFound(apiId)));
            }
            var (updated, value, error) = change(api);
            return error is not null || updated is null
                ? DocumentChange.Keep<HttpApi, (T?, AwsError?)>((default, error))
                : DocumentChange.Put<HttpApi, (T?, AwsError?)>(updated, (value, null));
        }, cancellationToken);
        return result;
    }

    public async Task<bool> DeleteAsync(string apiId, CancellationToken cancellationToken)
    {
        var (_, deleted) = await _apis.ChangeAsync(apiId, api => DocumentChange.Delete<HttpApi, bool>(api is not null), cancellationToken);
        return deleted;
    }
}
