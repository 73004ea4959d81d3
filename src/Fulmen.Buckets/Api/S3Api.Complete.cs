using System.Globalization;
using System.Security.Cryptography;
using Fulmen.Buckets.Content;
using Fulmen.Buckets.Model;

namespace Fulmen.Buckets.Api;

public sealed partial class S3Api
{
    /// <summary>
    /// Commits an object made of the listed parts' files, in order, as they are (each already on disk): no byte is read
    /// or written again, so completion takes the same time for any size. The ETag is the MD5 of the parts' MD5s with
    /// <c>-{parts}</c>; a composite checksum is the checksum of the parts' checksums with <c>-{parts}</c>; a full-object
    /// CRC is combined from the parts' CRCs and lengths.
    /// </summary>
    private async Task CompleteMultipartUploadAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        var (uploadId, upload) = await UploadAsync(bucket, r);
        var listed = ListedParts(await S3Xml.ReadAsync(r.Request));
        // From here a part replaced by a late UploadPart keeps its file: the object may be made of it.
        await uploads.MarkCompletingAsync(bucket, uploadId, r.Aborted);
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
        var etagOfParts = Convert.ToHexStringLower(MD5.HashData([.. parts.SelectMany(p => Convert.FromHexString(p.ETag))])) + "-" + parts.Count;
        var checksum = algorithm is not { } a ? null
            : fullObject ? FullObjectChecksum(a, parts)
            : Checksum.Of(a, [.. parts.SelectMany(p => p.Checksum is null ? [] : Convert.FromBase64String(p.Checksum))]) + "-" + parts.Count;
        var record = upload.Template with
        {
            File = "",
            Parts = parts.ConvertAll(p => new ObjectPart(p.File, p.Size)),
            Size = parts.Sum(p => p.Size),
            ETag = etagOfParts,
            LastModified = time.GetUtcNow(),
            Checksum = checksum,
            PartsCount = parts.Count,
        };
        // A refused commit (a precondition) leaves the parts to the upload, which may be completed again or aborted.
        await objects.PutAsync(bucket, r.Key!, record, "ObjectCreated:CompleteMultipartUpload", r.Requester(), Conditions.ForWrite(r, r.Key!), r.Aborted);
        await uploads.RemoveAsync(bucket, uploadId, keep: record.FileNames().ToHashSet(StringComparer.Ordinal), r.Aborted);
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

    /// <summary>
    /// The CRC of the whole object from its parts' CRCs; a part stored without one (none is, as every part of an upload
    /// with an algorithm is checksummed) would make it unknowable, so it is then left out.
    /// </summary>
    private static string? FullObjectChecksum(ChecksumAlgorithm algorithm, List<PartRecord> parts) =>
        parts.TrueForAll(p => p.Checksum is not null)
            && CrcCombine.Combine(algorithm, parts.ConvertAll(p => (Convert.FromBase64String(p.Checksum!), p.Size))) is { } crc
            ? Convert.ToBase64String(crc)
            : null;
}
