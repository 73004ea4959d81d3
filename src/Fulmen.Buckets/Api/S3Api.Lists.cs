using System.Globalization;
using System.Text;
using System.Xml;
using Fulmen.Buckets.Model;

namespace Fulmen.Buckets.Api;

public sealed partial class S3Api
{
    private async Task ListObjectsV2Async(S3Request r)
    {
        var bucket = await BucketAsync(r);
        var (prefix, delimiter, maxKeys, url) = ListParameters(r);
        var token = r.QueryValue("continuation-token");
        var startAfter = r.QueryValue("start-after");
        string? after = startAfter;
        if (token is not null)
        {
            after = DecodeToken(token) ?? throw S3Errors.InvalidArgument("The continuation token provided is incorrect", "continuation-token", token);
        }
        var page = await ObjectListing.ListAsync(objects, bucket, prefix, delimiter, after, maxKeys, r.Aborted);
        var owner = r.QueryValue("fetch-owner") == "true";
        await S3Xml.WriteAsync(r.Context, "ListBucketResult", xml =>
        {
            xml.WriteElementString("Name", bucket.Name);
            xml.WriteElementString("Prefix", Encode(prefix, url));
            xml.Element("Delimiter", delimiter is null ? null : Encode(delimiter, url));
            xml.Element("MaxKeys", maxKeys);
            xml.Element("KeyCount", page.Contents.Count + page.CommonPrefixes.Count);
            xml.Element("IsTruncated", page.IsTruncated);
            xml.Element("ContinuationToken", token);
            xml.Element("NextContinuationToken", page.IsTruncated && page.NextAfter is { } next ? EncodeToken(next) : null);
            xml.Element("StartAfter", startAfter is null ? null : Encode(startAfter, url));
            xml.Element("EncodingType", url ? "url" : null);
            WriteEntries(xml, page, url, owner);
        });
    }

    private async Task ListObjectsAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        var (prefix, delimiter, maxKeys, url) = ListParameters(r);
        var marker = r.QueryValue("marker");
        var page = await ObjectListing.ListAsync(objects, bucket, prefix, delimiter, marker, maxKeys, r.Aborted);
        await S3Xml.WriteAsync(r.Context, "ListBucketResult", xml =>
        {
            xml.WriteElementString("Name", bucket.Name);
            xml.WriteElementString("Prefix", Encode(prefix, url));
            xml.WriteElementString("Marker", Encode(marker ?? "", url));
            // S3 gives NextMarker only with a delimiter; without one, clients continue from the last key.
            xml.Element("NextMarker", page.IsTruncated && delimiter is not null && page.NextAfter is { } next ? Encode(next, url) : null);
            xml.Element("MaxKeys", maxKeys);
            xml.Element("Delimiter", delimiter is null ? null : Encode(delimiter, url));
            xml.Element("IsTruncated", page.IsTruncated);
            xml.Element("EncodingType", url ? "url" : null);
            WriteEntries(xml, page, url, owner: true);
        });
    }

    private static (string Prefix, string? Delimiter, int MaxKeys, bool Url) ListParameters(S3Request r)
    {
        var maxKeys = 1000;
        if (r.QueryValue("max-keys") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys)))
        {
            throw S3Errors.InvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", text);
        }
        var encoding = r.QueryValue("encoding-type");
        if (encoding is not null && encoding != "url")
        {
            throw S3Errors.InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encoding);
        }
        var delimiter = r.QueryValue("delimiter");
        return (r.QueryValue("prefix") ?? "", string.IsNullOrEmpty(delimiter) ? null : delimiter, Math.Min(maxKeys, 1000), encoding == "url");
    }

    private static void WriteEntries(XmlWriter xml, ListingPage page, bool url, bool owner)
    {
        foreach (var (key, record) in page.Contents)
        {
            xml.WriteStartElement("Contents");
            xml.WriteElementString("Key", Encode(key, url));
            xml.WriteElementString("LastModified", S3Xml.Timestamp(record.LastModified));
            xml.WriteElementString("ETag", S3Xml.Quoted(record.ETag));
            if (record.ChecksumAlgorithm is { } algorithm)
            {
                xml.WriteElementString("ChecksumAlgorithm", algorithm);
                xml.WriteElementString("ChecksumType", record.ChecksumType ?? "FULL_OBJECT");
            }
            xml.Element("Size", record.Size);
            if (owner)
            {
                xml.Owner();
            }
            xml.WriteElementString("StorageClass", "STANDARD");
            xml.WriteEndElement();
        }
        foreach (var prefix in page.CommonPrefixes)
        {
            xml.WriteStartElement("CommonPrefixes");
            xml.WriteElementString("Prefix", Encode(prefix, url));
            xml.WriteEndElement();
        }
    }

    /// <summary><c>encoding-type=url</c>: keys percent-encoded, so any key survives XML (the CLI always asks for it).</summary>
    private static string Encode(string value, bool url) => url ? Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal) : value;

    private static string EncodeToken(string after) => Convert.ToBase64String(Encoding.UTF8.GetBytes(after));

    private static string? DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
