using System.Runtime.CompilerServices;
using Fulmen.Buckets.Content;
using Fulmen.Buckets.Notifications;
using Fulmen.Protocols.Errors;
using Fulmen.Storage.Documents;

namespace Fulmen.Buckets.Model;

/// <summary>
/// Objects' metadata: one document per key in the bucket's collection, listed in key order by the store. Every change of
/// a key is one compare-and-swap of its document; the change record for notifications (IObjectChanges) is part of it.
/// The files replaced or removed by a committed change (a multipart object's are all its parts') are deleted after the commit.
/// </summary>
public sealed class ObjectIndex(IDocumentStore store, ObjectFiles files, IObjectChanges changes, TimeProvider time)
{
    public DocumentCollection<ObjectRecord> Objects(BucketRecord bucket) => new(store, $"s3.objects/{bucket.Id}", BucketJson.Default.ObjectRecord);

    public async Task<ObjectRecord?> GetAsync(BucketRecord bucket, string key, CancellationToken cancellationToken) =>
        await Objects(bucket).GetAsync(key, cancellationToken) is { Value.Removed: false } stored ? stored.Value : null;

    /// <summary>
    /// Commits <paramref name="next"/> as the key's object unless <paramref name="precondition"/> (shown the current object,
    /// or null) refuses with an error, which is thrown; the new file is then the caller's to delete.
    /// </summary>
    public async Task<ObjectRecord> PutAsync(BucketRecord bucket, string key, ObjectRecord next, string eventName, Requester requester,
        Func<ObjectRecord?, AwsError?>? precondition, CancellationToken cancellationToken)
    {
        var records = changes.Records(bucket.Name);
        ObjectRecord? replaced = null;
        ObjectChange? change = null;
        var (document, error) = await Objects(bucket).ChangeAsync<AwsError?>(key, current =>
        {
            var live = current is { Removed: false } ? current : null;
            if (precondition?.Invoke(live) is { } refused)
            {
                return DocumentChange.Keep<ObjectRecord, AwsError?>(refused);
            }
            var now = time.GetUtcNow();
            var sequencer = Sequencers.Next(current?.Sequencer, now);
            change = records ? new ObjectChange(eventName, next.Size, next.ETag, sequencer, now, requester.PrincipalId, requester.SourceIp) : null;
            replaced = live;
            return DocumentChange.Put(next with { Sequencer = sequencer, Pending = Append(current?.Pending, change) }, (AwsError?)null);
        }, cancellationToken);
        if (error is not null)
        {
            throw new AwsErrorException(error);
        }
        if (replaced is not null)
        {
            // A completion retried after a crash commits the same part files again: those stay.
            var kept = next.FileNames().ToHashSet(StringComparer.Ordinal);
            foreach (var name in replaced.FileNames().Where(name => !kept.Contains(name)))
            {
                files.Delete(name);
            }
        }
        if (change is not null)
        {
            await changes.CommittedAsync(bucket.Name, key, change, cancellationToken);
        }
        return document!.Value;
    }

    /// <summary>Removes the key's object; returns what was removed, or null when there was none.</summary>
    public async Task<ObjectRecord?> DeleteAsync(BucketRecord bucket, string key, Requester requester, CancellationToken cancellationToken)
    {
        var records = changes.Records(bucket.Name);
        ObjectChange? change = null;
        var (_, removed) = await Objects(bucket).ChangeAsync(key, current =>
        {
            if (current is null or { Removed: true })
            {
                return DocumentChange.Keep<ObjectRecord, ObjectRecord?>(null);
            }
            var now = time.GetUtcNow();
            var sequencer = Sequencers.Next(current.Sequencer, now);
            change = records ? new ObjectChange("ObjectRemoved:Delete", 0, "", sequencer, now, requester.PrincipalId, requester.SourceIp) : null;
            var pending = Append(current.Pending, change);
            return pending is null
                ? DocumentChange.Delete<ObjectRecord, ObjectRecord?>(current)
                : DocumentChange.Put(new ObjectRecord { Removed = true, Sequencer = sequencer, LastModified = now, Pending = pending }, (ObjectRecord?)current);
        }, cancellationToken);
        if (removed is not null)
        {
            foreach (var name in removed.FileNames())
            {
                files.Delete(name);
            }
            if (change is not null)
            {
                await changes.CommittedAsync(bucket.Name, key, change, cancellationToken);
            }
        }
        return removed;
    }

    /// <summary>Up to <paramref name="limit"/> stored documents after <paramref name="after"/> in key order, tombstones included.</summary>
    public async Task<(IReadOnlyList<Versioned<ObjectRecord>> Items, string? Next)> PageAsync(BucketRecord bucket, string? after, int limit, CancellationToken cancellationToken) =>
        await Objects(bucket).ListAsync(after, limit, cancellationToken);

    public async Task<bool> IsEmptyAsync(BucketRecord bucket, CancellationToken cancellationToken)
    {
        await foreach (var document in Objects(bucket).ListAllAsync(cancellationToken))
        {
            if (!document.Value.Removed)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The changes of each of <paramref name="keys"/> not yet acknowledged, in commit order (each commit appended its
    /// record to the document, whatever order the hand-offs reached the notifier in); keys with none are left out.
    /// </summary>
    public async Task<IReadOnlyList<(string Key, IReadOnlyList<ObjectChange> Changes)>> PendingAsync(BucketRecord bucket, IEnumerable<string> keys,
        CancellationToken cancellationToken)
    {
        var objects = Objects(bucket);
        var pending = new List<(string, IReadOnlyList<ObjectChange>)>();
        foreach (var key in keys)
        {
            if (await objects.GetAsync(key, cancellationToken) is { Value.Pending: { Count: > 0 } changes })
            {
                pending.Add((key, changes));
            }
        }
        return pending;
    }

    /// <summary>
    /// The notifier delivered these changes (distinct keys, each with its changes' sequencers): their records are
    /// dropped, and tombstones with nothing left go, in one commit for all of them.
    /// </summary>
    public async Task AcknowledgeBatchAsync(BucketRecord bucket, IReadOnlyList<(string Key, IReadOnlySet<string> Sequencers)> delivered,
        CancellationToken cancellationToken)
    {
        var sequencers = delivered.ToDictionary(d => d.Key, d => d.Sequencers, StringComparer.Ordinal);
        await Objects(bucket).ChangeBatchAsync([.. sequencers.Keys], (key, current) =>
        {
            var done = sequencers[key];
            if (current?.Pending is not { } pending || !pending.Exists(c => done.Contains(c.Sequencer)))
            {
                return DocumentChange.Keep<ObjectRecord, bool>(false);
            }
            var left = pending.FindAll(c => !done.Contains(c.Sequencer));
            return current.Removed && left.Count == 0
                ? DocumentChange.Delete<ObjectRecord, bool>(true)
                : DocumentChange.Put(current with { Pending = left.Count == 0 ? null : left }, true);
        }, cancellationToken);
    }

    /// <summary>Every key of the bucket with a change not yet acknowledged (after a restart, what was committed but maybe not sent).</summary>
    public async IAsyncEnumerable<string> ListPendingKeysAsync(BucketRecord bucket, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var document in Objects(bucket).ListAllAsync(cancellationToken))
        {
            if (document.Value.Pending is { Count: > 0 })
            {
                yield return document.Id;
            }
        }
    }

    private static List<ObjectChange>? Append(List<ObjectChange>? pending, ObjectChange? change) =>
        change is null ? pending : [.. pending ?? [], change];
}
