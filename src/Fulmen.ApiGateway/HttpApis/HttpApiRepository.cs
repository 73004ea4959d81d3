using System.Collections.Concurrent;
using System.Text.Json;
using Fulmen.Storage.Resources;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>
/// HTTP APIs in memory for the execute-api path, written through to the <see cref="IResourceStore"/> (kind
/// <c>httpapi</c>) before a change is acknowledged. Loaded once, on first use. Changes are serialized by one lock;
/// readers never wait.
/// </summary>
public sealed class HttpApiRepository(IResourceStore store)
{
    public const string Kind = "httpapi";

    private readonly ConcurrentDictionary<string, HttpApi> _apis = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writes = new(1, 1);
    private Task? _loaded;

    public async ValueTask<HttpApi?> FindAsync(string apiId, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        return _apis.TryGetValue(apiId, out var api) ? api : null;
    }

    public async ValueTask<IReadOnlyList<HttpApi>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        return [.. _apis.Values.OrderBy(api => api.CreatedDate).ThenBy(api => api.ApiId, StringComparer.Ordinal)];
    }

    public async Task AddAsync(HttpApi api, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            await store.PutAsync(Kind, api.ApiId, Serialize(api), cancellationToken);
            _apis[api.ApiId] = api;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current API and stores the result. The change returns the new API
    /// and a value for the caller, or an error message kind to answer with (nothing is stored then).
    /// </summary>
    public async Task<(T? Value, HttpApiError? Error)> UpdateAsync<T>(string apiId, Func<HttpApi, (HttpApi? Updated, T? Value, HttpApiError? Error)> change, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (!_apis.TryGetValue(apiId, out var api))
            {
                return (default, HttpApiError.ApiNotFound(apiId));
            }
            var (updated, value, error) = change(api);
            if (error is not null || updated is null)
            {
                return (default, error);
            }
            await store.PutAsync(Kind, apiId, Serialize(updated), cancellationToken);
            _apis[apiId] = updated;
            return (value, null);
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task<bool> DeleteAsync(string apiId, CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (!_apis.TryRemove(apiId, out _))
            {
                return false;
            }
            await store.DeleteAsync(Kind, apiId, cancellationToken);
            return true;
        }
        finally
        {
            _writes.Release();
        }
    }

    private Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        var loaded = Volatile.Read(ref _loaded);
        if (loaded is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }
        // Loading is not tied to one request: a cancelled first caller must not leave the cache half-loaded.
        Interlocked.CompareExchange(ref _loaded, LoadAsync(), null);
        return _loaded!.WaitAsync(cancellationToken);
    }

    private async Task LoadAsync()
    {
        foreach (var stored in await store.ListAsync(Kind, CancellationToken.None))
        {
            if (JsonSerializer.Deserialize(stored.Document, HttpApiJsonContext.Default.HttpApi) is { } api)
            {
                _apis.TryAdd(api.ApiId, api);
            }
        }
    }

    private static string Serialize(HttpApi api) => JsonSerializer.Serialize(api, HttpApiJsonContext.Default.HttpApi);
}
