using Fulmen.Storage.Documents;

namespace Fulmen.Queues.Model;

/// <summary>
/// Every queue, one document each (collection <c>sqs-queue</c>, id = queue name), held in memory so sends and
/// receives find their queue without a database read. Changes are per-name mutations of the view.
/// </summary>
public sealed class QueueCatalog(IDocumentStore store)
{
    private readonly DocumentView<QueueRecord, QueueRecord> _queues =
        new(new DocumentCollection<QueueRecord>(store, "sqs-queue", QueuesJsonContext.Default.QueueRecord), static (record, _) => record);

    public Task LoadAsync(CancellationToken cancellationToken = default) => _queues.LoadAsync(cancellationToken);

    /// <summary>From memory only: queues this process loaded or changed.</summary>
    public QueueRecord? Find(string name) => _queues.Find(name);

    public ValueTask<QueueRecord?> FindAsync(string name, CancellationToken cancellationToken = default) => _queues.GetAsync(name, cancellationToken);

    public IReadOnlyList<QueueRecord> All => [.. _queues.Entries.OrderBy(q => q.Name, StringComparer.Ordinal)];

    public Task<(QueueRecord? Queue, TResult Result)> ChangeAsync<TResult>(
        string name, Func<QueueRecord?, DocumentChange<QueueRecord, TResult>> change, CancellationToken cancellationToken = default) =>
        _queues.ChangeAsync(name, change, cancellationToken);
}
