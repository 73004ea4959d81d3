using System.Globalization;
using Fulmen.Buckets.Content;
using Fulmen.Buckets.Model;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Buckets.Api;

/// <summary>The headers an object is stored with (content headers, <c>x-amz-meta-*</c>, <c>x-amz-tagging</c>) and answered with.</summary>
internal static class ObjectHeaders
{
    private const string MetaPrefix = "x-amz-meta-";
    private const int MaxMetadataBytes = 2048;

    public static ContentHeaders Content(S3Request request) => new()
    {
        ContentType = request.Header("Content-Type"),
        ContentEncoding = WithoutAwsChunked(request.Header("Content-Encoding")),
        ContentDisposition = request.Header("Content-Disposition"),
        ContentLanguage = request.Header("Content-Language"),
        CacheControl = request.Header("Cache-Control"),
        Expires = request.Header("Expires"),
    };

    public static Dictionary<string, string>? Metadata(S3Request request)
    {
        Dictionary<string, string>? metadata = null;
        var bytes = 0;
        foreach (var (name, value) in request.Request.Headers)
        {
            if (name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = name[MetaPrefix.Length..].ToLowerInvariant();
                (metadata ??= new(StringComparer.Ordinal))[key] = value.ToString();
                bytes += key.Length + value.ToString().Length;
            }
        }
        if (bytes > MaxMetadataBytes)
        {
            throw S3Errors.Error(400, "MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size.",
                ("Size", bytes.ToString(CultureInfo.InvariantCulture)), ("MaxSizeAllowed", MaxMetadataBytes.ToString(CultureInfo.InvariantCulture)));
        }
        return metadata;
    }

    /// <summary><c>x-amz-tagging: a=1&amp;b=2</c>, as PutObject, CopyObject (with REPLACE) and CreateMultipartUpload take tags.</summary>
    public static Dictionary<string, string>? Tagging(S3Request request)
    {
        if (request.Header("x-amz-tagging") is not { Length: > 0 } text)
        {
            return null;
        }
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text))
        {
            tags[name] = value.ToString();
        }
        Tags.Validate(tags);
        return tags;
    }

    public static void Write(HttpResponse response, ObjectRecord record, S3Request request, bool checksums)
    {
        var headers = response.Headers;
        headers.ETag = S3Xml.Quoted(record.ETag);
        headers.LastModified = S3Xml.HttpDate(record.LastModified);
        headers.AcceptRanges = "bytes";
        headers.ContentType = Override(request, "response-content-type") ?? record.Headers.ContentType ?? "binary/octet-stream";
        Set(headers, "Content-Encoding", Override(request, "response-content-encoding") ?? record.Headers.ContentEncoding);
        Set(headers, "Content-Disposition", Override(request, "response-content-disposition") ?? record.Headers.ContentDisposition);
        Set(headers, "Content-Language", Override(request, "response-content-language") ?? record.Headers.ContentLanguage);
        Set(headers, "Cache-Control", Override(request, "response-cache-control") ?? record.Headers.CacheControl);
        Set(headers, "Expires", Override(request, "response-expires") ?? record.Headers.Expires);
        foreach (var (name, value) in record.Metadata ?? [])
        {
            headers[MetaPrefix + name] = value;
        }
        if (record.Tags is { Count: > 0 } tags)
        {
            headers["x-amz-tagging-count"] = tags.Count.ToString(CultureInfo.InvariantCulture);
        }
        if (checksums && record.Checksum is { } checksum && ChecksumAlgorithms.Parse(record.ChecksumAlgorithm) is { } algorithm)
        {
            headers[algorithm.HeaderName()] = checksum;
            headers["x-amz-checksum-type"] = record.ChecksumType ?? "FULL_OBJECT";
        }
    }

    private static string? Override(S3Request request, string parameter) => request.QueryValue(parameter);

    private static void Set(IHeaderDictionary headers, string name, string? value)
    {
        if (value is not null)
        {
            headers[name] = value;
        }
    }

    private static string? WithoutAwsChunked(string? encoding)
    {
        if (encoding is null)
        {
            return null;
        }
        var rest = encoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(e => !e.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase));
        var joined = string.Join(",", rest);
        return joined.Length == 0 ? null : joined;
    }
}
