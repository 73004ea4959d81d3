using System.Threading.Channels;
using Fulmen.Storage.Documents;

namespace Fulmen.Pipes.Model;

/// <summary>
/// The pipes of this server: documents in the store, held in memory. Each change is one mutation of one document;
/// every stored change is announced on <see cref="Changes"/> so the supervisor settles states and runs pipes.
/// </summary>
public sealed class PipeStore
{
    public const string Collection = "pipes";

    private readonly DocumentView<PipeRecord, PipeRecord> _view;
    private readonly Channel<string> _changes = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public PipeStore(IDocumentStore store)
    {
        _view = new DocumentView<PipeRecord, PipeRecord>(
            new DocumentCollection<PipeRecord>(store, Collection, PipeJsonContext.Default.PipeRecord),
            static (record, _) => record,
            (name, _, _) => { _changes.Writer.TryWrite(name); return ValueTask.CompletedTask; });
    }

    /// <summary>Names of pipes that changed (or were loaded), in order; read by the supervisor only.</summary>
    public ChannelReader<string> Changes => _changes.Reader;

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _view.LoadAsync(cancellationToken);
        foreach (var pipe in _view.Entries)
        {
            _changes.Writer.TryWrite(pipe.Name);
        }
    }

    public ValueTask<PipeRecord?> FindAsync(string name, CancellationToken cancellationToken = default) => _view.GetAsync(name, cancellationToken);

    /// <summary>Every pipe, ordered by name.</summary>
    public IReadOnlyList<PipeRecord> List() => [.. _view.Entries.OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>Adds the pipe; false when one of that name exists.</summary>
    public async Task<bool> TryCreateAsync(PipeRecord pipe, CancellationToken cancellationToken = default)
    {
        var (_, created) = await _view.ChangeAsync(pipe.Name,
            current => current is null ? DocumentChange.Put(pipe, true) : DocumentChange.Keep<PipeRecord, bool>(false), cancellationToken);
        return created;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the pipe as stored now, as one mutation (the same instance writes nothing;
    /// an exception refuses). Null when the pipe does not exist.
    /// </summary>
    public async Task<PipeRecord?> ChangeAsync(string name, Func<PipeRecord, PipeRecord> change, CancellationToken cancellationToken = default)
    {
        var (entry, _) = await _view.ChangeAsync(name, current =>
        {
            if (current is null)
            {
                return DocumentChange.Keep<PipeRecord, bool>(false);
            }
            var next = change(current);
            return ReferenceEquals(next, current) ? DocumentChange.Keep<PipeRecord, bool>(true) : DocumentChange.Put(next, true);
        }, cancellationToken);
        return entry;
    }

    /// <summary>Removes the pipe if it is still in <paramref name="state"/>.</summary>
    public async Task<bool> DeleteIfAsync(string name, string state, CancellationToken cancellationToken = default)
    {
        var (_, deleted) = await _view.ChangeAsync(name,
            current => current?.CurrentState == state ? DocumentChange.Delete<PipeRecord, bool>(true) : DocumentChange.Keep<PipeRecord, bool>(false),
            cancellationToken);
        return deleted;
    }
}
