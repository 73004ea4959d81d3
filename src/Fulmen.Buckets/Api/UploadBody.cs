using System.Globalization;
using Fulmen.Buckets.Content;
using Microsoft.AspNetCore.Http.Features;

namespace Fulmen.Buckets.Api;

/// <summary>
/// Reads an upload's body (PutObject, UploadPart) into a new file, streamed: <c>aws-chunked</c> framing decoded, the MD5
/// and the requested checksum computed on the way, then <c>Content-MD5</c> and the <c>x-amz-checksum-*</c> header or
/// trailer checked. A refused body leaves no file behind.
/// </summary>
internal static class UploadBody
{
    public static async Task<WrittenContent> ReadAsync(S3Request request, ObjectFiles files, long maxBytes, ChecksumAlgorithm? uploadAlgorithm = null, bool part = false)
    {
        if (request.Context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null; // S3's own limit applies (5 GiB a PUT), not the edge's
        }
        var md5 = ExpectedMd5(request);
        var (algorithm, expected, trailer) = DeclaredChecksum(request, uploadAlgorithm);
        var chunked = request.Header("x-amz-content-sha256")?.StartsWith("STREAMING-", StringComparison.Ordinal) == true
            || request.Header("Content-Encoding")?.Contains("aws-chunked", StringComparison.OrdinalIgnoreCase) == true;
        var declaredLength = chunked ? Long(request.Header("x-amz-decoded-content-length")) : request.Request.ContentLength;
        if (declaredLength > maxBytes)
        {
            throw S3Errors.EntityTooLarge(maxBytes);
        }
        // Read through the request's own reader: the bytes go from Kestrel's buffers to the file without a copy.
        var decoder = chunked ? new AwsChunkedReader(request.Request.BodyReader) : null;
        WrittenContent written;
        try
        {
            written = await files.WriteAsync(decoder ?? request.Request.BodyReader, algorithm, maxBytes, declaredLength, request.Aborted, concurrent: part);
        }
        catch (ContentTooLargeException)
        {
            throw S3Errors.EntityTooLarge(maxBytes);
        }
        catch (InvalidChunkedBodyException)
        {
            throw S3Errors.IncompleteBody();
        }
        try
        {
            if (declaredLength is { } length && length != written.Size)
            {
                throw S3Errors.IncompleteBody();
            }
            if (md5 is not null && !md5.AsSpan().SequenceEqual(written.Md5))
            {
                throw S3Errors.BadDigest();
            }
            if (trailer is not null)
            {
                expected = decoder?.Trailers.GetValueOrDefault(trailer);
                if (expected is null)
                {
                    throw S3Errors.InvalidRequest($"The trailer {trailer} was declared in x-amz-trailer but not sent.");
                }
            }
            if (expected is not null && expected != written.ChecksumBase64)
            {
                throw S3Errors.ChecksumMismatch(algorithm!.Value.Name());
            }
        }
        catch
        {
            files.Delete(written.File);
            throw;
        }
        return written;
    }

    private static byte[]? ExpectedMd5(S3Request request)
    {
        if (request.Header("Content-MD5") is not { } text)
        {
            return null;
        }
        try
        {
            var md5 = Convert.FromBase64String(text);
            return md5.Length == 16 ? md5 : throw S3Errors.InvalidDigest(text);
        }
        catch (FormatException)
        {
            throw S3Errors.InvalidDigest(text);
        }
    }

    /// <summary>
    /// The checksum to compute and the value to check it against: a value header (<c>x-amz-checksum-crc32</c>), or a
    /// trailer named by <c>x-amz-trailer</c>, or only an algorithm (<c>x-amz-sdk-checksum-algorithm</c>, a multipart
    /// upload's), to compute and store.
    /// </summary>
    private static (ChecksumAlgorithm? Algorithm, string? Expected, string? Trailer) DeclaredChecksum(S3Request request, ChecksumAlgorithm? uploadAlgorithm)
    {
        foreach (var algorithm in ChecksumAlgorithms.All)
        {
            if (request.Header(algorithm.HeaderName()) is { } value)
            {
                if (!IsValid(value, algorithm))
                {
                    throw S3Errors.InvalidRequest($"Value for {algorithm.HeaderName()} header is invalid.");
                }
                return (algorithm, value, null);
            }
        }
        if (request.Header("x-amz-trailer") is { } trailer)
        {
            var name = trailer.Trim();
            return ChecksumAlgorithms.FromHeaderName(name) is { } algorithm
                ? (algorithm, null, name)
                : throw S3Errors.InvalidRequest($"The value specified in the x-amz-trailer header is not supported");
        }
        if (request.Header("x-amz-sdk-checksum-algorithm") is { } named)
        {
            return ChecksumAlgorithms.Parse(named) is { } algorithm
                ? (algorithm, null, null)
                : throw S3Errors.InvalidRequest("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
        }
        return (uploadAlgorithm, null, null);
    }

    private static bool IsValid(string value, ChecksumAlgorithm algorithm)
    {
        Span<byte> bytes = stackalloc byte[64];
        return Convert.TryFromBase64String(value, bytes, out var length) && length == algorithm.Length();
    }

    private static long? Long(string? text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
