using System.Collections.Concurrent;
using Fulmen.Execution.Environments;
using Fulmen.Functions.Concurrency;
using Fulmen.Storage.Code;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Catalog;

/// <summary>
/// The functions of this server. Writes go to the store first, then to an in-memory view that the
/// invoke path reads without touching the database.
/// </summary>
public sealed class FunctionCatalog(IFunctionStore store, CodeStore code, LambdaOptions options, EnvironmentManager environments, ConcurrencyGate concurrency)
{
    private readonly ConcurrentDictionary<string, FunctionEntry> _cache = new(StringComparer.Ordinal);

    public LambdaOptions Options => options;

    public CodeStore Code => code;

    /// <summary>The function, from memory when it was seen before.</summary>
    public async ValueTask<FunctionEntry?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGetValue(name, out var entry))
        {
            return entry;
        }
        var record = await store.GetAsync(name, cancellationToken);
        return record is null ? null : Remember(record);
    }

    /// <summary>Loads every stored function at start-up, so account-wide concurrency knows all reservations.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        foreach (var record in await store.ListAsync(cancellationToken))
        {
            Remember(record);
        }
    }

    public async Task<IReadOnlyList<FunctionRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        await store.ListAsync(cancellationToken);

    public async Task<FunctionEntry?> TryCreateAsync(FunctionRecord record, CancellationToken cancellationToken = default) =>
        await store.TryCreateAsync(record, cancellationToken) ? Remember(record) : null;

    public async Task<FunctionEntry?> UpdateAsync(FunctionRecord record, CancellationToken cancellationToken = default)
    {
        if (!await store.UpdateAsync(record, cancellationToken))
        {
            _cache.TryRemove(record.Name, out _);
            return null;
        }
        var entry = Remember(record);
        await environments.RetireAsync(record.Name, entry.Spec.RevisionId);
        return entry;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var deleted = await store.DeleteAsync(name, cancellationToken);
        _cache.TryRemove(name, out _);
        concurrency.SetReservation(name, null);
        await environments.RetireAsync(name, currentRevision: null);
        return deleted;
    }

    private FunctionEntry Remember(FunctionRecord record)
    {
        var arn = options.FunctionArn(record.Name);
        var spec = new EnvironmentSpec
        {
            FunctionName = record.Name,
            FunctionArn = arn,
            Runtime = record.Runtime,
            Handler = record.Handler,
            MemorySize = record.MemorySize,
            TimeoutSeconds = record.Timeout,
            Variables = record.Environment ?? new Dictionary<string, string>(),
            CodeDirectory = code.Find(record.CodeSha256) ?? throw new InvalidDataException($"The code of function {record.Name} is missing from the data directory."),
            RevisionId = record.RevisionId,
            Region = options.Region,
        };
        // Only UpdateFunctionCode and UpdateFunctionConfiguration (which set LastModified) replace environments,
        // as on AWS; tags, policy, concurrency and async settings change the RevisionId but keep them warm.
        if (_cache.TryGetValue(record.Name, out var previous) && previous.Record.LastModified == record.LastModified)
        {
            spec = spec with { RevisionId = previous.Spec.RevisionId };
        }
        var entry = new FunctionEntry(record, arn, spec);
        _cache[record.Name] = entry;
        concurrency.SetReservation(record.Name, record.ReservedConcurrency);
        return entry;
    }
}
