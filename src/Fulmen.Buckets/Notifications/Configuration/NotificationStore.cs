using Fulmen.Storage.Documents;

namespace Fulmen.Buckets.Notifications.Configuration;

/// <summary>
/// Buckets' notification configurations in memory (every committed change asks whether its bucket has one), written
/// through to the document store.
/// </summary>
public sealed class NotificationStore
{
    public const string Collection = "s3.notifications";
    private readonly DocumentView<BucketNotificationRecord, BucketNotificationRecord> _view;

    public NotificationStore(IDocumentStore store) =>
        _view = new DocumentView<BucketNotificationRecord, BucketNotificationRecord>(
            new DocumentCollection<BucketNotificationRecord>(store, Collection, NotificationJson.Default.BucketNotificationRecord), static (record, _) => record);

    public Task LoadAsync(CancellationToken cancellationToken = default) => _view.LoadAsync(cancellationToken);

    /// <summary>The bucket's configuration held in memory, whichever bucket of that name it was put for.</summary>
    public BucketNotificationRecord? Find(string bucket) => _view.Find(bucket);

    /// <summary>The configuration of this very bucket (<paramref name="bucketId"/>), else null.</summary>
    public async ValueTask<BucketNotificationRecord?> GetAsync(string bucket, string bucketId, CancellationToken cancellationToken) =>
        await _view.GetAsync(bucket, cancellationToken) is { } found && found.BucketId == bucketId ? found : null;

    public IReadOnlyList<BucketNotificationRecord> All => _view.Entries;

    /// <summary>Replaces the bucket's configuration; an empty one removes it, as on S3.</summary>
    public async Task PutAsync(BucketNotificationRecord record, CancellationToken cancellationToken) =>
        await _view.ChangeAsync(record.Bucket,
            current => record.IsEmpty
                ? current is null ? DocumentChange.Keep<BucketNotificationRecord, bool>(false) : DocumentChange.Delete<BucketNotificationRecord, bool>(true)
                : DocumentChange.Put(record, true),
            cancellationToken);
}
