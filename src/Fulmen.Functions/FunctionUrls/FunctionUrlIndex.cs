using System.Collections.Concurrent;
using System.Security.Cryptography;
using Fulmen.Functions.Catalog;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.FunctionUrls;

/// <summary>
/// Which function and qualifier a URL id belongs to, kept in memory so a URL request finds its function without
/// scanning the store. The record stays the source of truth: a hit is checked against the function's current
/// record, so an entry left behind by a deleted function or URL only ever answers "no such URL" (and is dropped).
/// </summary>
public sealed class FunctionUrlIndex(FunctionCatalog catalog)
{
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private readonly ConcurrentDictionary<string, (string Function, string Qualifier)> _ids = new(StringComparer.Ordinal);

    /// <summary>A fresh 32-character id, as AWS's URL host labels are.</summary>
    public static string NewUrlId() => RandomNumberGenerator.GetString(IdAlphabet, 32);

    /// <summary>Reads every stored function's URLs; called once at start-up, after the catalog has loaded.</summary>
    public void Load()
    {
        foreach (var entry in catalog.List())
        {
            foreach (var (qualifier, config) in entry.Record.FunctionUrlConfigs)
            {
                _ids[config.UrlId] = (entry.Record.Name, qualifier);
            }
        }
    }

    public void Add(string urlId, string function, string qualifier) => _ids[urlId] = (function, qualifier);

    public void Remove(string urlId) => _ids.TryRemove(urlId, out _);

    /// <summary>The function behind <paramref name="urlId"/> and the URL's current config, or null when there is none.</summary>
    public async ValueTask<(FunctionEntry Entry, string Qualifier, FunctionUrlConfigRecord Config)?> FindAsync(string urlId, CancellationToken cancellationToken)
    {
        if (!_ids.TryGetValue(urlId, out var target))
        {
            return null;
        }
        var entry = await catalog.FindAsync(target.Function, cancellationToken);
        if (entry?.Record.FunctionUrlConfigs.GetValueOrDefault(target.Qualifier) is { } config && config.UrlId == urlId)
        {
            return (entry, target.Qualifier, config);
        }
        // The function or its URL is gone (DeleteFunction does not tell us); forget the id.
        _ids.TryRemove(new KeyValuePair<string, (string, string)>(urlId, target));
        return null;
    }
}
