using Fulmen.Buckets.Content;
using Fulmen.Buckets.Model;
using Fulmen.Protocols.Errors;

namespace Fulmen.Buckets.Api;

public sealed partial class S3Api
{
    private async Task PutObjectAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        CheckKey(r.Key!);
        var headers = ObjectHeaders.Content(r);
        var metadata = ObjectHeaders.Metadata(r);
        var tags = ObjectHeaders.Tagging(r);
        var precondition = Conditions.ForWrite(r, r.Key!);
        var written = await UploadBody.ReadAsync(r, files, options.MaxPutBytes);
        var record = new ObjectRecord
        {
            File = written.File,
            Size = written.Size,
            ETag = written.ETag,
            LastModified = time.GetUtcNow(),
            Headers = headers,
            Metadata = metadata,
            Tags = tags,
            ChecksumAlgorithm = written.Algorithm?.Name(),
            Checksum = written.ChecksumBase64,
            ChecksumType = written.Algorithm is null ? null : "FULL_OBJECT",
        };
        await CommitAsync(bucket, r, record, "ObjectCreated:Put", precondition);
        r.Response.Headers.ETag = S3Xml.Quoted(record.ETag);
        if (written.Algorithm is { } algorithm)
        {
            r.Response.Headers[algorithm.HeaderName()] = written.ChecksumBase64;
            r.Response.Headers["x-amz-checksum-type"] = "FULL_OBJECT";
        }
        await EmptyAsync(r);
    }

    private async Task CopyObjectAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        CheckKey(r.Key!);
        var (sourceBucket, sourceKey, source) = await CopySourceAsync(r);
        var replace = r.Header("x-amz-metadata-directive")?.Equals("REPLACE", StringComparison.OrdinalIgnoreCase) == true;
        var replaceTags = r.Header("x-amz-tagging-directive")?.Equals("REPLACE", StringComparison.OrdinalIgnoreCase) == true;
        if (sourceBucket.Id == bucket.Id && r.Key == sourceKey && !replace && !replaceTags)
        {
            throw S3Errors.InvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }
        var algorithm = ChecksumAlgorithms.Parse(r.Header("x-amz-checksum-algorithm")) ?? ChecksumAlgorithms.Parse(source.ChecksumAlgorithm);
        var written = await CopyContentAsync(source, 0, source.Size, algorithm, r);
        var record = new ObjectRecord
        {
            File = written.File,
            Size = written.Size,
            ETag = written.ETag,
            LastModified = time.GetUtcNow(),
            Headers = replace ? ObjectHeaders.Content(r) : source.Headers,
            Metadata = replace ? ObjectHeaders.Metadata(r) : source.Metadata,
            Tags = replaceTags ? ObjectHeaders.Tagging(r) : source.Tags,
            ChecksumAlgorithm = algorithm?.Name(),
            Checksum = written.ChecksumBase64,
            ChecksumType = algorithm is null ? null : "FULL_OBJECT",
        };
        await CommitAsync(bucket, r, record, "ObjectCreated:Copy", Conditions.ForWrite(r, r.Key!));
        await S3Xml.WriteAsync(r.Context, "CopyObjectResult", xml =>
        {
            xml.WriteElementString("LastModified", S3Xml.Timestamp(record.LastModified));
            xml.WriteElementString("ETag", S3Xml.Quoted(record.ETag));
            if (algorithm is { } a)
            {
                xml.WriteElementString("ChecksumType", "FULL_OBJECT");
                xml.WriteElementString(a.ElementName(), record.Checksum);
            }
        });
    }

    /// <summary><c>x-amz-copy-source: [/]bucket/key[?versionId=…]</c>, URL-encoded; its conditions checked.</summary>
    private async Task<(BucketRecord Bucket, string Key, ObjectRecord Object)> CopySourceAsync(S3Request r)
    {
        var text = Uri.UnescapeDataString(r.Header("x-amz-copy-source")!.Split('?')[0]).TrimStart('/');
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == text.Length - 1)
        {
            throw S3Errors.InvalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey", "x-amz-copy-source", text);
        }
        var bucket = await buckets.GetAsync(text[..slash], r.Aborted) ?? throw S3Errors.NoSuchBucket(text[..slash]);
        var key = text[(slash + 1)..];
        var source = await objects.GetAsync(bucket, key, r.Aborted) ?? throw S3Errors.NoSuchKey(key);
        Conditions.CopySource(r, source);
        return (bucket, key, source);
    }

    /// <summary>Copies a range of an object's bytes (across its part files, for a multipart object) into a new file (hashed anew: a copy's ETag is its own MD5).</summary>
    private async Task<WrittenContent> CopyContentAsync(ObjectRecord source, long start, long length, ChecksumAlgorithm? algorithm, S3Request r)
    {
        await using var stream = files.OpenRead(source.Segments(), start, length) ?? throw S3Errors.NoSuchKey("");
        return await files.WriteAsync(stream, algorithm, options.MaxPutBytes, length, r.Aborted);
    }

    /// <summary>Commits an object whose file is written; a refused commit (a precondition) removes the file.</summary>
    private async Task<ObjectRecord> CommitAsync(BucketRecord bucket, S3Request r, ObjectRecord record, string eventName, Func<ObjectRecord?, AwsError?>? precondition)
    {
        try
        {
            return await objects.PutAsync(bucket, r.Key!, record, eventName, r.Requester(), precondition, r.Aborted);
        }
        catch
        {
            files.Delete(record.File);
            throw;
        }
    }

    private static void CheckKey(string key)
    {
        if (!KeyOrder.IsValidKey(key))
        {
            throw S3Errors.KeyTooLong();
        }
    }
}
