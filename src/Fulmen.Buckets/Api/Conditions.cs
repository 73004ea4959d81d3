using Fulmen.Buckets.Model;
using Fulmen.Protocols.Errors;
using Microsoft.Net.Http.Headers;

namespace Fulmen.Buckets.Api;

/// <summary>
/// Conditional requests as S3 evaluates them (RFC 7232's order): <c>If-Match</c> (else <c>If-Unmodified-Since</c>) fails
/// with 412; then <c>If-None-Match</c> (else <c>If-Modified-Since</c>) answers 304 for reads. CopyObject's
/// <c>x-amz-copy-source-if-*</c> are the same tests on the source, every failure a 412.
/// </summary>
internal static class Conditions
{
    /// <summary>For GET and HEAD: true when the answer is 304 Not Modified; throws PreconditionFailed.</summary>
    public static bool NotModified(S3Request request, ObjectRecord record, string prefix = "")
    {
        var ifMatch = request.Header(prefix + "If-Match");
        if (ifMatch is not null)
        {
            if (!Matches(ifMatch, record.ETag))
            {
                throw new AwsErrorException(S3Errors.PreconditionFailed(prefix + "If-Match"));
            }
        }
        else if (Date(request.Header(prefix + "If-Unmodified-Since")) is { } unmodifiedSince && Seconds(record.LastModified) > unmodifiedSince)
        {
            throw new AwsErrorException(S3Errors.PreconditionFailed(prefix + "If-Unmodified-Since"));
        }
        var ifNoneMatch = request.Header(prefix + "If-None-Match");
        if (ifNoneMatch is not null)
        {
            return Matches(ifNoneMatch, record.ETag);
        }
        return Date(request.Header(prefix + "If-Modified-Since")) is { } modifiedSince && Seconds(record.LastModified) <= modifiedSince;
    }

    /// <summary>The copy source's conditions: a 304 there is a 412 too.</summary>
    public static void CopySource(S3Request request, ObjectRecord source)
    {
        if (NotModified(request, source, "x-amz-copy-source-"))
        {
            var condition = request.Header("x-amz-copy-source-If-None-Match") is not null ? "x-amz-copy-source-If-None-Match" : "x-amz-copy-source-If-Modified-Since";
            throw new AwsErrorException(S3Errors.PreconditionFailed(condition));
        }
    }

    /// <summary>
    /// A conditional write (PutObject, CompleteMultipartUpload, CopyObject): <c>If-None-Match: *</c> only when the key is
    /// free, <c>If-Match</c> only over that ETag. Evaluated inside the write's compare-and-swap, so two racing writers
    /// cannot both pass.
    /// </summary>
    public static Func<ObjectRecord?, AwsError?>? ForWrite(S3Request request, string key)
    {
        var ifNoneMatch = request.Header("If-None-Match");
        var ifMatch = request.Header("If-Match");
        if (ifNoneMatch is null && ifMatch is null)
        {
            return null;
        }
        if (ifNoneMatch is not null && ifNoneMatch.Trim() != "*")
        {
            throw S3Errors.Error(501, "NotImplemented", "A header you provided implies functionality that is not implemented", ("Header", "If-None-Match"));
        }
        return current =>
        {
            if (ifNoneMatch is not null && current is not null)
            {
                return S3Errors.PreconditionFailed("If-None-Match");
            }
            if (ifMatch is not null)
            {
                if (current is null)
                {
                    return S3Errors.NoSuchKey(key).Error;
                }
                if (!Matches(ifMatch, current.ETag))
                {
                    return S3Errors.PreconditionFailed("If-Match");
                }
            }
            return null;
        };
    }

    private static bool Matches(string header, string etag)
    {
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var value = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
            if (value == "*" || value.Trim('"') == etag)
            {
                return true;
            }
        }
        return false;
    }

    private static DateTimeOffset? Date(string? text) => text is not null && HeaderUtilities.TryParseDate(text, out var date) ? date : null;

    /// <summary>HTTP dates have whole seconds: compare the stored time at that precision.</summary>
    private static DateTimeOffset Seconds(DateTimeOffset time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Offset);
}
