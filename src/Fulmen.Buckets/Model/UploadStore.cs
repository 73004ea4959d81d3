using Fulmen.Buckets.Content;
using Fulmen.Storage.Documents;

namespace Fulmen.Buckets.Model;

/// <summary>Multipart uploads in progress and their parts, as documents; each part's bytes in its own file.</summary>
public sealed class UploadStore(IDocumentStore store, ObjectFiles files)
{
    public DocumentCollection<UploadRecord> Uploads(BucketRecord bucket) => new(store, $"s3.uploads/{bucket.Id}", BucketJson.Default.UploadRecord);

    private DocumentCollection<PartRecord> Parts(string uploadId) => new(store, $"s3.parts/{uploadId}", BucketJson.Default.PartRecord);

    public async Task CreateAsync(BucketRecord bucket, string uploadId, UploadRecord upload, CancellationToken cancellationToken) =>
        _ = await Uploads(bucket).TryWriteAsync(uploadId, upload, 0, cancellationToken) ?? throw new InvalidOperationException("Upload ids are unique.");

    public async Task<UploadRecord?> GetAsync(BucketRecord bucket, string uploadId, CancellationToken cancellationToken) =>
        (await Uploads(bucket).GetAsync(uploadId, cancellationToken))?.Value;

    /// <summary>Marks the upload as being completed (see <see cref="UploadRecord.Completing"/>).</summary>
    public async Task MarkCompletingAsync(BucketRecord bucket, string uploadId, CancellationToken cancellationToken) =>
        await Uploads(bucket).ChangeAsync(uploadId, current => current is null or { Completing: true }
            ? DocumentChange.Keep<UploadRecord, bool>(false)
            : DocumentChange.Put(current with { Completing = true }, true), cancellationToken);

    /// <summary>
    /// Stores a part, replacing one of the same number, whose file goes unless a completion has begun: read after this
    /// part's commit, the upload tells whether a completion may have listed the part replaced.
    /// </summary>
    public async Task PutPartAsync(BucketRecord bucket, string uploadId, PartRecord part, CancellationToken cancellationToken)
    {
        PartRecord? replaced = null;
        await Parts(uploadId).ChangeAsync(part.Number.ToString("D5", System.Globalization.CultureInfo.InvariantCulture), current =>
        {
            replaced = current;
            return DocumentChange.Put(part, true);
        }, cancellationToken);
        if (replaced is not null && replaced.File != part.File && await GetAsync(bucket, uploadId, cancellationToken) is { Completing: false })
        {
            files.Delete(replaced.File);
        }
    }

    public async Task<List<PartRecord>> ListPartsAsync(string uploadId, CancellationToken cancellationToken)
    {
        var parts = new List<PartRecord>();
        await foreach (var part in Parts(uploadId).ListAllAsync(cancellationToken))
        {
            parts.Add(part.Value);
        }
        return parts;
    }

    /// <summary>
    /// Removes the upload, its parts and their files but those in <paramref name="keep"/> (a completed object's, made of
    /// them).
    /// </summary>
    public async Task<bool> RemoveAsync(BucketRecord bucket, string uploadId, IReadOnlySet<string>? keep, CancellationToken cancellationToken)
    {
        var removed = await Uploads(bucket).DeleteAsync(uploadId, cancellationToken: cancellationToken);
        var parts = Parts(uploadId);
        await foreach (var part in parts.ListAllAsync(cancellationToken))
        {
            await parts.DeleteAsync(part.Id, cancellationToken: cancellationToken);
            if (keep?.Contains(part.Value.File) != true)
            {
                files.Delete(part.Value.File);
            }
        }
        return removed;
    }

    public async Task<List<(string UploadId, UploadRecord Upload)>> ListAsync(BucketRecord bucket, CancellationToken cancellationToken)
    {
        var uploads = new List<(string, UploadRecord)>();
        await foreach (var upload in Uploads(bucket).ListAllAsync(cancellationToken))
        {
            uploads.Add((upload.Id, upload.Value));
        }
        return uploads;
    }
}
