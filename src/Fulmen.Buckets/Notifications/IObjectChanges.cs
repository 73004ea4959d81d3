namespace Fulmen.Buckets.Notifications;

/// <summary>
/// The seam for bucket notifications. When <see cref="Records"/> says yes for a bucket, every committed change of an
/// object there carries an <see cref="ObjectChange"/> in the object's metadata document, written in the same
/// compare-and-swap as the change itself (a removed object leaves a tombstone holding it), and
/// <see cref="CommittedAsync"/> is told after the commit. The notifier reads the key's pending changes
/// (<c>ObjectIndex.PendingAsync</c>), sends them and then calls <c>ObjectIndex.AcknowledgeBatchAsync</c>, which drops the
/// records (and a tombstone with nothing left pending). A change whose send was cut short by a crash is still in its
/// document: <c>ObjectIndex.ListPendingKeysAsync</c> finds it after a restart, so each change is sent at least once.
/// </summary>
public interface IObjectChanges
{
    /// <summary>Whether changes in <paramref name="bucket"/> are to be recorded for delivery (it has a notification configuration).</summary>
    bool Records(string bucket);

    /// <summary>Told after a recorded change was committed; runs on the request's path, so it should hand off, not send.</summary>
    ValueTask CommittedAsync(string bucket, string key, ObjectChange change, CancellationToken cancellationToken);
}

/// <summary>The default: no bucket has notifications, nothing is recorded.</summary>
public sealed class NoObjectChanges : IObjectChanges
{
    public bool Records(string bucket) => false;

    public ValueTask CommittedAsync(string bucket, string key, ObjectChange change, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>
/// One change of one object, as S3's event record needs it: the event name (<c>ObjectCreated:Put</c>,
/// <c>ObjectCreated:CompleteMultipartUpload</c>, <c>ObjectCreated:Copy</c>, <c>ObjectRemoved:Delete</c>), the object's size
/// and ETag after the change, the key's <see cref="Sequencer"/>, when, and who asked (the access key, or <c>anonymous</c>).
/// </summary>
public sealed record ObjectChange(string EventName, long Size, string ETag, string Sequencer, DateTimeOffset Time, string Requester, string SourceIp);
