using System.Globalization;
using Fulmen.Buckets.Model;

namespace Fulmen.Buckets.Api;

public sealed partial class S3Api
{
    private Task GetObjectAsync(S3Request r) => ReadObjectAsync(r, body: true);

    private Task HeadObjectAsync(S3Request r) => ReadObjectAsync(r, body: false);

    private async Task ReadObjectAsync(S3Request r, bool body)
    {
        var bucket = await BucketAsync(r);
        // An overwrite may remove the file between reading the metadata and opening it: read the new metadata then.
        for (var attempt = 0; ; attempt++)
        {
            var record = await ObjectAsync(bucket, r);
            if (Conditions.NotModified(r, record))
            {
                r.Response.StatusCode = 304;
                r.Response.Headers.ETag = S3Xml.Quoted(record.ETag);
                r.Response.Headers.LastModified = S3Xml.HttpDate(record.LastModified);
                return;
            }
            var range = ByteRange.Parse(r.Header("Range"), record.Size);
            var (start, length) = range ?? (0, record.Size);
            await using var file = body ? files.OpenRead(record.Segments(), start, length) : null;
            if (body && file is null)
            {
                if (attempt < 3)
                {
                    continue;
                }
                throw S3Errors.NoSuchKey(r.Key!);
            }
            var checksums = range is null && r.Header("x-amz-checksum-mode")?.Equals("ENABLED", StringComparison.OrdinalIgnoreCase) == true;
            ObjectHeaders.Write(r.Response, record, r, checksums);
            if (range is not null)
            {
                r.Response.StatusCode = 206;
                r.Response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{start + length - 1}/{record.Size}");
            }
            r.Response.ContentLength = length;
            if (file is not null)
            {
                await CopyAsync(file, r.Response.Body, length, r.Aborted);
            }
            return;
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, long length, CancellationToken cancellationToken)
    {
        var buffer = new byte[128 * 1024];
        while (length > 0)
        {
            var read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)), cancellationToken);
            if (read == 0)
            {
                break;
            }
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            length -= read;
        }
    }

    private async Task DeleteObjectAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        // Deleting a key that does not exist succeeds, as on S3.
        await objects.DeleteAsync(bucket, r.Key!, r.Requester(), r.Aborted);
        await EmptyAsync(r, 204);
    }

    private async Task DeleteObjectsAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        var body = await S3Xml.ReadAsync(r.Request);
        var quiet = body.Element("Quiet")?.Value.Equals("true", StringComparison.OrdinalIgnoreCase) == true;
        var keys = body.Elements("Object").Select(o => o.Element("Key")?.Value ?? throw S3Errors.MalformedXml()).ToList();
        if (keys.Count is 0 or > 1000)
        {
            throw S3Errors.MalformedXml();
        }
        var requester = r.Requester();
        var deleted = new List<string>();
        foreach (var key in keys)
        {
            await objects.DeleteAsync(bucket, key, requester, r.Aborted);
            deleted.Add(key);
        }
        await S3Xml.WriteAsync(r.Context, "DeleteResult", xml =>
        {
            foreach (var key in quiet ? [] : deleted)
            {
                xml.WriteStartElement("Deleted");
                xml.WriteElementString("Key", key);
                xml.WriteEndElement();
            }
        });
    }

    private async Task PutObjectTaggingAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        var tags = Tags.Parse(await S3Xml.ReadAsync(r.Request), max: 10);
        await ChangeTagsAsync(bucket, r, tags);
        await EmptyAsync(r);
    }

    private async Task GetObjectTaggingAsync(S3Request r)
    {
        var record = await ObjectAsync(await BucketAsync(r), r);
        await S3Xml.WriteAsync(r.Context, "Tagging", xml => Tags.Write(xml, record.Tags));
    }

    private async Task DeleteObjectTaggingAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        await ChangeTagsAsync(bucket, r, null);
        await EmptyAsync(r, 204);
    }

    /// <summary>Tags change in the object's own document, without a new file or a change record (S3 sends no created event).</summary>
    private async Task ChangeTagsAsync(BucketRecord bucket, S3Request r, Dictionary<string, string>? tags)
    {
        var (_, found) = await objects.Objects(bucket).ChangeAsync(r.Key!, current => current is null or { Removed: true }
            ? Storage.Documents.DocumentChange.Keep<ObjectRecord, bool>(false)
            : Storage.Documents.DocumentChange.Put(current with { Tags = tags }, true), r.Aborted);
        if (!found)
        {
            throw S3Errors.NoSuchKey(r.Key!);
        }
    }
}
