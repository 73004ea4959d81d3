using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace Fulmen.Bench.Buckets;

/// <summary>
/// A large object uploaded as <c>aws s3 cp</c> uploads a file above its threshold: CreateMultipartUpload, 8 MiB
/// UploadPart requests with up to <c>concurrency</c> in flight, CompleteMultipartUpload. Every part's body is the same
/// 8 MiB of <see cref="GeneratedStream"/>'s block (8 whole blocks), held once in memory, so the client reads nothing per
/// part, as the CLI reading a file from the page cache nearly does. The upload is then checked: every part's ETag, the
/// object's size and its ETag (the MD5 of the parts' MD5s, <c>-{parts}</c>), and bytes across a part boundary.
/// </summary>
internal sealed class MultipartUpload(HttpClient http, Uri endpoint)
{
    public const int PartBytes = 8 * 1024 * 1024;
    private static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static readonly byte[] Part = MakePart();
    private static readonly string PartETag = Convert.ToHexStringLower(MD5.HashData(Part));

    /// <summary>Uploads <paramref name="bytes"/> (a multiple of the part size) to <paramref name="key"/>; the bytes uploaded.</summary>
    public async Task<long> UploadAsync(string bucket, string key, long bytes, int concurrency)
    {
        var parts = (int)(bytes / PartBytes);
        using var create = Request(HttpMethod.Post, $"{bucket}/{key}?uploads");
        using var created = await http.SendAsync(create);
        var uploadId = XDocument.Parse(await Checked(created, "CreateMultipartUpload")).Root!.Element(S3 + "UploadId")!.Value;
        var etags = new string[parts];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < parts; i = Interlocked.Increment(ref next))
            {
                using var request = Request(HttpMethod.Put, string.Create(CultureInfo.InvariantCulture, $"{bucket}/{key}?partNumber={i + 1}&uploadId={Uri.EscapeDataString(uploadId)}"));
                request.Content = new ReadOnlyMemoryContent(Part);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var response = await http.SendAsync(request);
                await Checked(response, "UploadPart");
                etags[i] = response.Headers.ETag?.Tag.Trim('"') ?? "";
                if (etags[i] != PartETag)
                {
                    throw new InvalidOperationException($"UploadPart {i + 1} answered ETag {etags[i]}, not the part's MD5 {PartETag}.");
                }
            }
        }));
        var list = new XElement(S3 + "CompleteMultipartUpload", etags.Select((etag, i) =>
            new XElement(S3 + "Part", new XElement(S3 + "PartNumber", i + 1), new XElement(S3 + "ETag", $"\"{etag}\""))));
        using var complete = Request(HttpMethod.Post, $"{bucket}/{key}?uploadId={Uri.EscapeDataString(uploadId)}");
        complete.Content = new StringContent(list.ToString(SaveOptions.DisableFormatting));
        using var completed = await http.SendAsync(complete);
        var answer = XDocument.Parse(await Checked(completed, "CompleteMultipartUpload"));
        var etag = answer.Root!.Element(S3 + "ETag")?.Value.Trim('"');
        if (etag != ExpectedETag(parts))
        {
            throw new InvalidOperationException($"CompleteMultipartUpload answered ETag {etag}, not {ExpectedETag(parts)}.");
        }
        return bytes;
    }

    /// <summary>HEAD: size and ETag as uploaded; a range across the first part boundary: the bytes uploaded there.</summary>
    public async Task VerifyAsync(string bucket, string key, long bytes)
    {
        var parts = (int)(bytes / PartBytes);
        using var head = Request(HttpMethod.Head, $"{bucket}/{key}");
        using var headed = await http.SendAsync(head);
        await Checked(headed, "HeadObject");
        if (headed.Content.Headers.ContentLength != bytes || headed.Headers.ETag?.Tag.Trim('"') != ExpectedETag(parts))
        {
            throw new InvalidOperationException($"HeadObject answered {headed.Content.Headers.ContentLength} bytes, ETag {headed.Headers.ETag}; uploaded {bytes}, {ExpectedETag(parts)}.");
        }
        using var range = Request(HttpMethod.Get, $"{bucket}/{key}");
        range.Headers.Range = new RangeHeaderValue(PartBytes - 4096, PartBytes + 4095);
        using var ranged = await http.SendAsync(range);
        var got = await ranged.Content.ReadAsByteArrayAsync();
        var expected = new byte[8192];
        Part.AsSpan(PartBytes - 4096).CopyTo(expected);
        Part.AsSpan(0, 4096).CopyTo(expected.AsSpan(4096));
        if ((int)ranged.StatusCode != 206 || !got.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException($"A range across the first part boundary answered {(int)ranged.StatusCode} with {got.Length} bytes that differ from those uploaded.");
        }
    }

    /// <summary>S3's multipart ETag: the MD5 of the parts' binary MD5s, then <c>-{parts}</c>.</summary>
    private static string ExpectedETag(int parts)
    {
        var md5 = Convert.FromHexString(PartETag);
        var all = new byte[md5.Length * parts];
        for (var i = 0; i < parts; i++)
        {
            md5.CopyTo(all, i * md5.Length);
        }
        return Convert.ToHexStringLower(MD5.HashData(all)) + "-" + parts.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<string> Checked(HttpResponseMessage response, string operation) =>
        response.IsSuccessStatusCode
            ? await response.Content.ReadAsStringAsync()
            : throw new InvalidOperationException($"{operation} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

    private HttpRequestMessage Request(HttpMethod method, string pathAndQuery) => S3Client.Signed(method, new Uri(endpoint, "/" + pathAndQuery));

    private static byte[] MakePart()
    {
        var part = new byte[PartBytes];
        using var source = new GeneratedStream(PartBytes);
        source.ReadExactly(part);
        return part;
    }
}
