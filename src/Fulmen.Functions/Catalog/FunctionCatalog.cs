using Fulmen.Execution.Environments;
using Fulmen.Functions.Concurrency;
using Fulmen.Storage.Code;
using Fulmen.Storage.Documents;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Catalog;

/// <summary>
/// The functions of this server: documents in the store, held in memory so the invoke path never touches the
/// database. Every change to a function — code, configuration, tags, concurrency, policy, URLs, async settings — is
/// one mutation (<see cref="ChangeAsync"/>): a lock per function here and compare-and-swap in the store, so two
/// changes made at once both land.
/// </summary>
public sealed class FunctionCatalog
{
    public const string Collection = "functions";

    private readonly DocumentView<FunctionRecord, FunctionEntry> _view;
    private readonly CodeStore _code;
    private readonly LambdaOptions _options;
    private readonly EnvironmentManager _environments;
    private readonly ConcurrencyGate _concurrency;

    public FunctionCatalog(IDocumentStore store, CodeStore code, LambdaOptions options, EnvironmentManager environments, ConcurrencyGate concurrency)
    {
        _code = code;
        _options = options;
        _environments = environments;
        _concurrency = concurrency;
        _view = new DocumentView<FunctionRecord, FunctionEntry>(
            new DocumentCollection<FunctionRecord>(store, Collection, FunctionJsonContext.Default.FunctionRecord), Project, ChangedAsync);
    }

    public LambdaOptions Options => _options;

    public CodeStore Code => _code;

    /// <summary>The function, from memory (or from the store when another node created it since).</summary>
    public ValueTask<FunctionEntry?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        _view.GetAsync(name, cancellationToken);

    /// <summary>Loads every stored function at start-up, so account-wide concurrency knows all reservations.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _view.LoadAsync(cancellationToken);
        foreach (var entry in _view.Entries)
        {
            _concurrency.SetReservation(entry.Record.Name, entry.Record.ReservedConcurrency);
            // Provisioned environments come back after a restart; they start in the background.
            await ProvisionedConcurrencySync.ApplyAsync(_environments.Provisioned, _concurrency, entry.Record.Name, entry);
        }
    }

    /// <summary>Every function as held in memory, ordered by name.</summary>
    public IReadOnlyList<FunctionEntry> List() =>
        [.. _view.Entries.OrderBy(entry => entry.Record.Name, StringComparer.Ordinal)];

    /// <summary>Adds a new function; null when one with that name exists already.</summary>
    public async Task<FunctionEntry?> TryCreateAsync(FunctionRecord record, CancellationToken cancellationToken = default)
    {
        var (entry, created) = await _view.ChangeAsync(record.Name,
            current => current is null ? DocumentChange.Put(record, true) : DocumentChange.Keep<FunctionRecord, bool>(false), cancellationToken);
        return created ? entry : null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the function's record as stored now, as one mutation. The change returns
    /// the new record (the same instance: nothing to write) or throws to refuse (e.g. a stale RevisionId). Null when
    /// the function does not exist.
    /// </summary>
    public async Task<FunctionEntry?> ChangeAsync(string name, Func<FunctionRecord, FunctionRecord> change, CancellationToken cancellationToken = default)
    {
        var (entry, _) = await _view.ChangeAsync(name, current =>
        {
            if (current is null)
            {
                return DocumentChange.Keep<FunctionRecord, bool>(false);
            }
            var next = change(current);
            return ReferenceEquals(next, current) ? DocumentChange.Keep<FunctionRecord, bool>(true) : DocumentChange.Put(next, true);
        }, cancellationToken);
        return entry;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        var (_, deleted) = await _view.ChangeAsync(name,
            current => DocumentChange.Delete<FunctionRecord, bool>(current is not null), cancellationToken);
        return deleted;
    }

    private FunctionEntry Project(FunctionRecord record, FunctionEntry? previous) => FunctionProjection.Project(record, previous, _options, _code);

    /// <summary>Runs under the function's lock, so reservations and retirements follow the order of the changes.</summary>
    private async ValueTask ChangedAsync(string name, FunctionEntry? previous, FunctionEntry? current)
    {
        _concurrency.SetReservation(name, current?.Record.ReservedConcurrency);
        await ProvisionedConcurrencySync.ApplyAsync(_environments.Provisioned, _concurrency, name, current);
        if (previous is null)
        {
            // Known here for the first time (created, or loaded): environments left from a function of the same name go.
            if (current is null)
            {
                return;
            }
            foreach (var (version, spec) in current.VersionSpecs)
            {
                await _environments.RetireAsync(name, version, spec.RevisionId);
            }
            return;
        }
        if (current is null)
        {
            await _environments.RetireFunctionAsync(name);
            return;
        }
        // Each version has its own environments: an update of $LATEST retires only $LATEST's, a deleted version its own.
        foreach (var (version, spec) in previous.VersionSpecs)
        {
            var now = current.VersionSpecs.GetValueOrDefault(version);
            if (now is null || now.RevisionId != spec.RevisionId)
            {
                await _environments.RetireAsync(name, version, now?.RevisionId);
            }
        }
    }
}
