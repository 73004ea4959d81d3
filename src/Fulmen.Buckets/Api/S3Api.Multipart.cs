using System.Globalization;
using System.Security.Cryptography;
using Fulmen.Buckets.Content;
using Fulmen.Buckets.Model;

namespace Fulmen.Buckets.Api;

public sealed partial class S3Api
{
    private const int MaxParts = 10_000;

    private async Task CreateMultipartUploadAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        CheckKey(r.Key!);
        var algorithm = ChecksumAlgorithms.Parse(r.Header("x-amz-checksum-algorithm"));
        if (r.Header("x-amz-checksum-algorithm") is { } named && algorithm is null)
        {
            throw S3Errors.InvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }
        var checksumType = r.Header("x-amz-checksum-type")?.ToUpperInvariant() ?? (algorithm is ChecksumAlgorithm.Crc64Nvme ? "FULL_OBJECT" : "COMPOSITE");
        if (checksumType is not ("FULL_OBJECT" or "COMPOSITE") || checksumType == "FULL_OBJECT" && algorithm is { } a && !a.IsCrc())
        {
            throw S3Errors.InvalidRequest("The FULL_OBJECT checksum type cannot be used with the " + algorithm?.Name() + " checksum algorithm.");
        }
        var template = new ObjectRecord
        {
            Headers = ObjectHeaders.Content(r),
            Metadata = ObjectHeaders.Metadata(r),
            Tags = ObjectHeaders.Tagging(r),
            ChecksumAlgorithm = algorithm?.Name(),
            ChecksumType = algorithm is null ? null : checksumType,
        };
        var uploadId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(36)).Replace('+', '.').Replace('/', '_');
        await uploads.CreateAsync(bucket, uploadId, new UploadRecord(r.Key!, time.GetUtcNow(), template), r.Aborted);
        if (algorithm is { } chosen)
        {
            r.Response.Headers["x-amz-checksum-algorithm"] = chosen.Name();
            r.Response.Headers["x-amz-checksum-type"] = checksumType;
        }
        await S3Xml.WriteAsync(r.Context, "InitiateMultipartUploadResult", xml =>
        {
            xml.WriteElementString("Bucket", bucket.Name);
            xml.WriteElementString("Key", r.Key);
            xml.WriteElementString("UploadId", uploadId);
        });
    }

    private async Task UploadPartAsync(S3Request r)
    {
        var (bucket, uploadId, upload, number) = await PartTargetAsync(r);
        var algorithm = ChecksumAlgorithms.Parse(upload.Template.ChecksumAlgorithm);
        var written = await UploadBody.ReadAsync(r, files, options.MaxPutBytes, algorithm, part: true);
        await StorePartAsync(bucket, uploadId, number, written, r);
        r.Response.Headers.ETag = S3Xml.Quoted(written.ETag);
        if (written.Algorithm is { } used)
        {
            r.Response.Headers[used.HeaderName()] = written.ChecksumBase64;
        }
        await EmptyAsync(r);
    }

    private async Task UploadPartCopyAsync(S3Request r)
    {
        var (bucket, uploadId, upload, number) = await PartTargetAsync(r);
        var (_, _, source) = await CopySourceAsync(r);
        var (start, length) = (0L, source.Size);
        if (r.Header("x-amz-copy-source-range") is { } range)
        {
            (start, length) = ByteRange.Parse(range, source.Size) is { } parsed && parsed.Start + parsed.Length <= source.Size
                ? parsed
                : throw S3Errors.InvalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
                    "x-amz-copy-source-range", range);
        }
        var written = await CopyContentAsync(source, start, length, ChecksumAlgorithms.Parse(upload.Template.ChecksumAlgorithm), r);
        var part = await StorePartAsync(bucket, uploadId, number, written, r);
        await S3Xml.WriteAsync(r.Context, "CopyPartResult", xml =>
        {
            xml.WriteElementString("LastModified", S3Xml.Timestamp(part.LastModified));
            xml.WriteElementString("ETag", S3Xml.Quoted(part.ETag));
            if (written.Algorithm is { } used)
            {
                xml.WriteElementString(used.ElementName(), written.ChecksumBase64);
            }
        });
    }

    private async Task<PartRecord> StorePartAsync(BucketRecord bucket, string uploadId, int number, WrittenContent written, S3Request r)
    {
        var part = new PartRecord(number, written.File, written.Size, written.ETag, written.ChecksumBase64, time.GetUtcNow());
        // The upload may have been completed or aborted while the part was uploading: then the part is nobody's.
        if (await uploads.GetAsync(bucket, uploadId, r.Aborted) is null)
        {
            files.Delete(written.File);
            throw S3Errors.NoSuchUpload(uploadId);
        }
        await uploads.PutPartAsync(bucket, uploadId, part, r.Aborted);
        return part;
    }

    private async Task<(BucketRecord Bucket, string UploadId, UploadRecord Upload, int Number)> PartTargetAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        var text = r.QueryValue("partNumber")!;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > MaxParts)
        {
            throw S3Errors.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", text);
        }
        var (uploadId, upload) = await UploadAsync(bucket, r);
        return (bucket, uploadId, upload, number);
    }

    private async Task<(string UploadId, UploadRecord Upload)> UploadAsync(BucketRecord bucket, S3Request r)
    {
        var uploadId = r.QueryValue("uploadId") ?? "";
        var upload = await uploads.GetAsync(bucket, uploadId, r.Aborted);
        return upload is not null && upload.Key == r.Key ? (uploadId, upload) : throw S3Errors.NoSuchUpload(uploadId);
    }

    private async Task AbortMultipartUploadAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        var (uploadId, upload) = await UploadAsync(bucket, r);
        await uploads.RemoveAsync(bucket, uploadId, await CompletedFilesAsync(bucket, upload, r.Aborted), r.Aborted);
        await EmptyAsync(r, 204);
    }

    private async Task AbortAllUploadsAsync(BucketRecord bucket, CancellationToken cancellationToken)
    {
        foreach (var (uploadId, upload) in await uploads.ListAsync(bucket, cancellationToken))
        {
            await uploads.RemoveAsync(bucket, uploadId, await CompletedFilesAsync(bucket, upload, cancellationToken), cancellationToken);
        }
    }

    /// <summary>
    /// An upload being completed whose object was committed but which was not yet removed (a crash between the two)
    /// holds files the key's object is made of: those stay when the upload goes.
    /// </summary>
    private async Task<IReadOnlySet<string>?> CompletedFilesAsync(BucketRecord bucket, UploadRecord upload, CancellationToken cancellationToken = default) =>
        upload.Completing && await objects.GetAsync(bucket, upload.Key, cancellationToken) is { Parts: not null } current
            ? current.FileNames().ToHashSet(StringComparer.Ordinal)
            : null;

    private async Task ListPartsAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        var (uploadId, upload) = await UploadAsync(bucket, r);
        var marker = int.TryParse(r.QueryValue("part-number-marker"), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0;
        var max = int.TryParse(r.QueryValue("max-parts"), NumberStyles.None, CultureInfo.InvariantCulture, out var x) ? Math.Min(x, 1000) : 1000;
        var parts = (await uploads.ListPartsAsync(uploadId, r.Aborted)).Where(p => p.Number > marker).OrderBy(p => p.Number).ToList();
        var page = parts.Take(max).ToList();
        var truncated = parts.Count > page.Count;
        var algorithm = ChecksumAlgorithms.Parse(upload.Template.ChecksumAlgorithm);
        await S3Xml.WriteAsync(r.Context, "ListPartsResult", xml =>
        {
            xml.WriteElementString("Bucket", bucket.Name);
            xml.WriteElementString("Key", upload.Key);
            xml.WriteElementString("UploadId", uploadId);
            xml.Element("PartNumberMarker", marker);
            xml.Element("NextPartNumberMarker", page.Count > 0 ? page[^1].Number : 0);
            xml.Element("MaxParts", max);
            xml.Element("IsTruncated", truncated);
            foreach (var part in page)
            {
                xml.WriteStartElement("Part");
                xml.Element("PartNumber", part.Number);
                xml.WriteElementString("LastModified", S3Xml.Timestamp(part.LastModified));
                xml.WriteElementString("ETag", S3Xml.Quoted(part.ETag));
                xml.Element("Size", part.Size);
                if (algorithm is { } a && part.Checksum is { } checksum)
                {
                    xml.WriteElementString(a.ElementName(), checksum);
                }
                xml.WriteEndElement();
            }
            xml.Owner("Initiator");
            xml.Owner();
            xml.WriteElementString("StorageClass", "STANDARD");
            xml.Element("ChecksumAlgorithm", algorithm?.Name());
            xml.Element("ChecksumType", upload.Template.ChecksumType);
        });
    }

    private async Task ListMultipartUploadsAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        var prefix = r.QueryValue("prefix") ?? "";
        var keyMarker = r.QueryValue("key-marker");
        var max = int.TryParse(r.QueryValue("max-uploads"), NumberStyles.None, CultureInfo.InvariantCulture, out var x) ? Math.Min(x, 1000) : 1000;
        var all = (await uploads.ListAsync(bucket, r.Aborted))
            .Where(u => u.Upload.Key.StartsWith(prefix, StringComparison.Ordinal) && (keyMarker is null || KeyOrder.Compare(u.Upload.Key, keyMarker) > 0))
            .OrderBy(u => u.Upload.Key, Comparer<string>.Create(KeyOrder.Compare)).ThenBy(u => u.Upload.Initiated).ToList();
        var page = all.Take(max).ToList();
        await S3Xml.WriteAsync(r.Context, "ListMultipartUploadsResult", xml =>
        {
            xml.WriteElementString("Bucket", bucket.Name);
            xml.WriteElementString("KeyMarker", keyMarker ?? "");
            xml.WriteElementString("UploadIdMarker", "");
            xml.Element("NextKeyMarker", page.Count > 0 ? page[^1].Upload.Key : null);
            xml.Element("NextUploadIdMarker", page.Count > 0 ? page[^1].UploadId : null);
            xml.WriteElementString("Prefix", prefix);
            xml.Element("MaxUploads", max);
            xml.Element("IsTruncated", all.Count > page.Count);
            foreach (var (uploadId, upload) in page)
            {
                xml.WriteStartElement("Upload");
                xml.WriteElementString("Key", upload.Key);
                xml.WriteElementString("UploadId", uploadId);
                xml.Owner("Initiator");
                xml.Owner();
                xml.WriteElementString("StorageClass", "STANDARD");
                xml.WriteElementString("Initiated", S3Xml.Timestamp(upload.Initiated));
                xml.Element("ChecksumAlgorithm", upload.Template.ChecksumAlgorithm);
                xml.Element("ChecksumType", upload.Template.ChecksumType);
                xml.WriteEndElement();
            }
        });
    }
}
