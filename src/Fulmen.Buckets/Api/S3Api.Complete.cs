using System.Globalization;
using System.Security.Cryptography;
using Fulmen.Buckets.Content;
using Fulmen.Buckets.Model;

namespace Fulmen.Buckets.Api;

public sealed partial class S3Api
{
    /// <summary>
    /// Joins the listed parts into one new file (flushed before the commit, like any PUT); the ETag is the MD5 of the
    /// parts' MD5s with <c>-{parts}</c>; a composite checksum is the checksum of the parts' checksums with <c>-{parts}</c>,
    /// a full-object CRC is computed over the joined bytes.
    /// </summary>
    private async Task CompleteMultipartUploadAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        var (uploadId, upload) = await UploadAsync(bucket, r);
        var listed = ListedParts(await S3Xml.ReadAsync(r.Request));
        var stored = (await uploads.ListPartsAsync(uploadId, r.Aborted)).ToDictionary(p => p.Number);
        for (var i = 1; i < listed.Count; i++)
        {
            if (listed[i].Number <= listed[i - 1].Number)
            {
                throw S3Errors.Error(400, "InvalidPartOrder", "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
            }
        }
        var parts = new List<PartRecord>();
        for (var i = 0; i < listed.Count; i++)
        {
            var (number, etag) = listed[i];
            if (!stored.TryGetValue(number, out var part) || part.ETag != etag.Trim('"'))
            {
                throw S3Errors.Error(400, "InvalidPart", "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
                    ("UploadId", uploadId), ("PartNumber", number.ToString(CultureInfo.InvariantCulture)), ("ETag", etag));
            }
            if (i < listed.Count - 1 && part.Size < options.MinPartBytes)
            {
                throw S3Errors.Error(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size",
                    ("ProposedSize", part.Size.ToString(CultureInfo.InvariantCulture)), ("MinSizeAllowed", options.MinPartBytes.ToString(CultureInfo.InvariantCulture)),
                    ("PartNumber", number.ToString(CultureInfo.InvariantCulture)), ("ETag", etag));
            }
            parts.Add(part);
        }
        var algorithm = ChecksumAlgorithms.Parse(upload.Template.ChecksumAlgorithm);
        var fullObject = upload.Template.ChecksumType == "FULL_OBJECT";
        var written = await JoinAsync(parts, fullObject ? algorithm : null, r.Aborted);
        var etagOfParts = Convert.ToHexStringLower(MD5.HashData([.. parts.SelectMany(p => Convert.FromHexString(p.ETag))])) + "-" + parts.Count;
        var checksum = algorithm is not { } a ? null
            : fullObject ? written.ChecksumBase64
            : Checksum.Of(a, [.. parts.SelectMany(p => p.Checksum is null ? [] : Convert.FromBase64String(p.Checksum))]) + "-" + parts.Count;
        var record = upload.Template with
        {
            File = written.File,
            Size = written.Size,
            ETag = etagOfParts,
            LastModified = time.GetUtcNow(),
            Checksum = checksum,
            PartsCount = parts.Count,
        };
        await CommitAsync(bucket, r, record, "ObjectCreated:CompleteMultipartUpload", Conditions.ForWrite(r, r.Key!));
        await uploads.RemoveAsync(bucket, uploadId, r.Aborted);
        await S3Xml.WriteAsync(r.Context, "CompleteMultipartUploadResult", xml =>
        {
            xml.WriteElementString("Location", $"{r.Request.Scheme}://{r.Request.Host}/{bucket.Name}/{Uri.EscapeDataString(r.Key!).Replace("%2F", "/", StringComparison.Ordinal)}");
            xml.WriteElementString("Bucket", bucket.Name);
            xml.WriteElementString("Key", r.Key);
            xml.WriteElementString("ETag", S3Xml.Quoted(record.ETag));
            if (algorithm is { } used)
            {
                xml.WriteElementString(used.ElementName(), checksum);
                xml.WriteElementString("ChecksumType", record.ChecksumType);
            }
        });
    }

    private static List<(int Number, string ETag)> ListedParts(System.Xml.Linq.XElement body)
    {
        var listed = new List<(int, string)>();
        foreach (var part in body.Elements("Part"))
        {
            if (!int.TryParse(part.Element("PartNumber")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || part.Element("ETag")?.Value is not { } etag)
            {
                throw S3Errors.MalformedXml();
            }
            listed.Add((number, etag));
        }
        return listed.Count is > 0 and <= MaxParts ? listed : throw S3Errors.MalformedXml();
    }

    private async Task<WrittenContent> JoinAsync(List<PartRecord> parts, ChecksumAlgorithm? algorithm, CancellationToken cancellationToken)
    {
        await using var writer = files.Create(algorithm, parts.Sum(part => part.Size), md5: false);
        foreach (var part in parts)
        {
            await using var stream = files.OpenRead(part.File) ?? throw S3Errors.Error(400, "InvalidPart", "One or more of the specified parts could not be found.");
            var reader = ObjectFiles.Reader(stream);
            try
            {
                await writer.CopyFromAsync(reader, long.MaxValue, cancellationToken);
            }
            finally
            {
                await reader.CompleteAsync();
            }
        }
        return await writer.FinishAsync(cancellationToken);
    }
}
