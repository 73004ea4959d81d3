using System.Collections.Concurrent;
using System.Text.Json;
using Fulmen.Storage.Resources;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>
/// REST APIs as one JSON document each in the resource store, with a read cache for the execute-api path. A change
/// reads the stored document afresh, edits that copy and writes it back, so a request being served keeps the
/// whole document it started with; changes are serialized by one lock (the control plane is not a hot path).
/// </summary>
public sealed class RestApiStore(IResourceStore store)
{
    public const string Kind = "apigateway.restapi";
    private readonly ConcurrentDictionary<string, RestApiDocument> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly Lock _loadLock = new();
    private Task? _loading;

    /// <summary>10 lowercase alphanumerics, like AWS's API, resource and deployment ids.</summary>
    public static string NewId() => Fulmen.ApiGateway.ExecuteApi.ExecuteApiAddress.NewId();

    /// <summary>
    /// The API, from memory: every API is loaded on first use and every change goes through this store, so an id of
    /// another kind (an HTTP API, a typo) is answered without touching the database.
    /// </summary>
    public async ValueTask<RestApiDocument?> FindAsync(string apiId, CancellationToken cancellationToken)
    {
        var loading = EnsureLoadedAsync();
        if (!loading.IsCompletedSuccessfully)
        {
            await loading.WaitAsync(cancellationToken);
        }
        return _cache.TryGetValue(apiId, out var document) ? document : null;
    }

    /// <summary>Loads every API once (retried after a failure); changes wait for it too, so a load never undoes one.</summary>
    private Task EnsureLoadedAsync()
    {
        lock (_loadLock)
        {
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
            {
                _loading = LoadAllAsync(CancellationToken.None);
            }
            return _loading;
        }
    }

    private async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await store.ListAsync(Kind, cancellationToken))
        {
            _cache.TryAdd(stored.Id, Deserialize(stored.Document));
        }
    }

    public async Task<IReadOnlyList<RestApiDocument>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(Kind, cancellationToken)).Select(stored => Deserialize(stored.Document))];

    public async Task CreateAsync(RestApiDocument document, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync().WaitAsync(cancellationToken);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await store.PutAsync(Kind, document.Api.Id, Serialize(document), cancellationToken);
            _cache[document.Api.Id] = document;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Applies <paramref name="change"/> to a fresh copy of the API and stores it; NotFoundException when there is no such API.</summary>
    public async Task<T> ChangeAsync<T>(string apiId, Func<RestApiDocument, T> change, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync().WaitAsync(cancellationToken);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (!IsId(apiId) || await store.GetAsync(Kind, apiId, cancellationToken) is not { } json)
            {
                throw RestApiException.ApiNotFound();
            }
            var document = Deserialize(json);
            var result = change(document);
            await store.PutAsync(Kind, apiId, Serialize(document), cancellationToken);
            _cache[apiId] = document;
            return result;
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<bool> DeleteAsync(string apiId, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync().WaitAsync(cancellationToken);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            _cache.TryRemove(apiId, out _);
            return IsId(apiId) && await store.DeleteAsync(Kind, apiId, cancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    private static bool IsId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);

    private static string Serialize(RestApiDocument document) => JsonSerializer.Serialize(document, RestApiJsonContext.Default.RestApiDocument);

    private static RestApiDocument Deserialize(string json) =>
        JsonSerializer.Deserialize(json, RestApiJsonContext.Default.RestApiDocument) ?? throw new InvalidDataException("An empty REST API document.");
}
