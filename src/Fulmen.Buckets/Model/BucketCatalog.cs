using Fulmen.Storage.Documents;

namespace Fulmen.Buckets.Model;

/// <summary>Buckets in memory (every request looks its bucket up), written through to the document store.</summary>
public sealed class BucketCatalog
{
    public const string Collection = "s3.buckets";
    private readonly DocumentView<BucketRecord, BucketRecord> _view;

    public BucketCatalog(IDocumentStore store) =>
        _view = new DocumentView<BucketRecord, BucketRecord>(new DocumentCollection<BucketRecord>(store, Collection, BucketJson.Default.BucketRecord),
            static (record, _) => record);

    public Task LoadAsync(CancellationToken cancellationToken = default) => _view.LoadAsync(cancellationToken);

    /// <summary>The bucket from memory, else from the store (one another node created).</summary>
    public ValueTask<BucketRecord?> GetAsync(string name, CancellationToken cancellationToken = default) => _view.GetAsync(name, cancellationToken);

    public IReadOnlyList<BucketRecord> All => _view.Entries;

    /// <summary>Creates the bucket unless it exists; returns the bucket and whether this call created it.</summary>
    public async Task<(BucketRecord Bucket, bool Created)> CreateAsync(BucketRecord bucket, CancellationToken cancellationToken = default)
    {
        var (entry, created) = await _view.ChangeAsync(bucket.Name,
            current => current is null ? DocumentChange.Put(bucket, true) : DocumentChange.Keep<BucketRecord, bool>(false), cancellationToken);
        return (entry!, created);
    }

    /// <summary>Changes a stored bucket (tags, policy, CORS); null when it does not exist.</summary>
    public async Task<BucketRecord?> ChangeAsync(string name, Func<BucketRecord, BucketRecord> change, CancellationToken cancellationToken = default)
    {
        var (entry, _) = await _view.ChangeAsync(name,
            current => current is null ? DocumentChange.Keep<BucketRecord, bool>(false) : DocumentChange.Put(change(current), true), cancellationToken);
        return entry;
    }

    /// <summary>Deletes the bucket if it is still the one checked (<paramref name="id"/>).</summary>
    public async Task<bool> DeleteAsync(string name, string id, CancellationToken cancellationToken = default)
    {
        var (_, deleted) = await _view.ChangeAsync(name,
            current => current?.Id == id ? DocumentChange.Delete<BucketRecord, bool>(true) : DocumentChange.Keep<BucketRecord, bool>(false), cancellationToken);
        return deleted;
    }
}
