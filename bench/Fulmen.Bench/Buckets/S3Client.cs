using System.Buffers;
using System.Net.Http.Headers;

namespace Fulmen.Bench.Buckets;

/// <summary>
/// Path-style S3 requests (<c>PUT /bucket/key</c>) without a real signature, as the server accepts them when it runs
/// without <c>--verify-signatures</c>. A path-style request is S3's only by the credential scope <c>s3</c> in its
/// Authorization header (docs/s3.md, "Addressing"), so each request carries one with a dummy signature: the server's
/// cost is what an unverified SDK request costs, without the client's signing time in the measure.
/// </summary>
internal sealed class S3Client(HttpClient http, Uri endpoint)
{
    private const string Authorization =
        "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256, Signature=0000";

    public async Task CreateBucketAsync(string bucket)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Put, bucket));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"CreateBucket {bucket} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>One PutObject of <paramref name="body"/>; true when answered 200 with an ETag.</summary>
    public async Task<bool> PutAsync(string bucket, string key, ReadOnlyMemory<byte> body)
    {
        using var request = Request(HttpMethod.Put, $"{bucket}/{key}");
        request.Content = new ReadOnlyMemoryContent(body);
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode && response.Headers.ETag is not null;
    }

    /// <summary>One GetObject, read whole into a pooled buffer; true when answered 200 with <paramref name="expected"/> bytes.</summary>
    public async Task<bool> GetAsync(string bucket, string key, int expected)
    {
        using var request = Request(HttpMethod.Get, $"{bucket}/{key}");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }
        return await DrainAsync(response, 16 * 1024) == expected;
    }

    /// <summary>One PutObject streamed from <paramref name="body"/> (never buffered whole); true when answered 200.</summary>
    public async Task<bool> PutStreamAsync(string bucket, string key, Stream body, long length)
    {
        using var request = Request(HttpMethod.Put, $"{bucket}/{key}");
        request.Content = new StreamContent(body, 1024 * 1024);
        request.Content.Headers.ContentLength = length;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    /// <summary>One GetObject copied to a sink as it arrives; the number of bytes read, or -1 when not answered 200.</summary>
    public async Task<long> GetToSinkAsync(string bucket, string key)
    {
        using var request = Request(HttpMethod.Get, $"{bucket}/{key}");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.IsSuccessStatusCode ? await DrainAsync(response, 1024 * 1024) : -1;
    }

    private static async Task<long> DrainAsync(HttpResponseMessage response, int bufferSize)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                total += read;
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path) => Signed(method, new Uri(endpoint, "/" + path));

    /// <summary>A request carrying the dummy Authorization header that makes a path-style request S3's.</summary>
    public static HttpRequestMessage Signed(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        return request;
    }
}
