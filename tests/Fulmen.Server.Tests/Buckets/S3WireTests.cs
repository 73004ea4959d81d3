using System.Net;
using System.Text;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets;

/// <summary>The object store's wire details as S3 has them: aws-chunked bodies with trailing checksums, and its XML errors.</summary>
public sealed class S3WireTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Authorization = "AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123";

    private async Task<LambdaHttp.Response> SendAsync(HttpMethod method, string path, string? body = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, $"{fixture.Server.Endpoint}{path}");
        request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
        }
        foreach (var (name, value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content!.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return await fixture.Http.SendAsync(request);
    }

    private static (string, string)[] Chunked(string trailer) =>
    [
        ("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"),
        ("Content-Encoding", "aws-chunked"),
        ("x-amz-decoded-content-length", "5"),
        ("x-amz-trailer", trailer),
    ];

    [Fact]
    public async Task AwsChunkedUpload_TrailingChecksum_StoredDecodedAndChecked()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, "/wire-bucket")).Status);
        var put = await SendAsync(HttpMethod.Put, "/wire-bucket/chunked.txt",
            "5;chunk-signature=00\r\nhello\r\n0;chunk-signature=00\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n", Chunked("x-amz-checksum-crc32"));
        Assert.True(put.Status == HttpStatusCode.OK, put.ToString());
        Assert.Equal("NhCmhg==", put.Headers["x-amz-checksum-crc32"]);

        var get = await SendAsync(HttpMethod.Get, "/wire-bucket/chunked.txt", null, ("x-amz-checksum-mode", "ENABLED"));
        Assert.Equal("hello", get.Body);
        Assert.Equal("NhCmhg==", get.Headers["x-amz-checksum-crc32"]);
        Assert.False(get.Headers.ContainsKey("Content-Encoding"), "aws-chunked is not the object's encoding");

        var wrong = await SendAsync(HttpMethod.Put, "/wire-bucket/wrong.txt",
            "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", Chunked("x-amz-checksum-crc32"));
        Assert.True(wrong.Status == HttpStatusCode.BadRequest, wrong.ToString());
        Assert.Contains("<Code>BadDigest</Code><Message>The CRC32 you specified did not match the calculated checksum.</Message>", wrong.Body, StringComparison.Ordinal);

        var truncated = await SendAsync(HttpMethod.Put, "/wire-bucket/truncated.txt", "5\r\nhel", Chunked("x-amz-checksum-crc32"));
        Assert.True(truncated.Status == HttpStatusCode.BadRequest, truncated.ToString());
        Assert.Contains("<Code>IncompleteBody</Code>", truncated.Body, StringComparison.Ordinal);

        var headerChecksum = await SendAsync(HttpMethod.Put, "/wire-bucket/header.txt", "hello", ("x-amz-checksum-crc32c", "AAAAAA=="));
        Assert.Contains("<Code>BadDigest</Code><Message>The CRC32C you specified did not match the calculated checksum.</Message>", headerChecksum.Body, StringComparison.Ordinal);
        var invalid = await SendAsync(HttpMethod.Put, "/wire-bucket/header.txt", "hello", ("x-amz-checksum-sha256", "short"));
        Assert.Contains("<Code>InvalidRequest</Code><Message>Value for x-amz-checksum-sha256 header is invalid.</Message>", invalid.Body, StringComparison.Ordinal);
        // CRC64NVME of "hello" (S3's default full-object checksum) as AWS computes it.
        var crc64 = await SendAsync(HttpMethod.Put, "/wire-bucket/crc64.txt", "hello", ("x-amz-sdk-checksum-algorithm", "CRC64NVME"));
        Assert.True(crc64.Status == HttpStatusCode.OK, crc64.ToString());
        Assert.Equal("M3eFcAZSQlc=", crc64.Headers["x-amz-checksum-crc64nvme"]);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Head, "/wire-bucket/header.txt")).Status);
    }

    [Fact]
    public async Task Errors_RestXmlEnvelope_CodeMessageFieldsRequestId()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Put, "/wire-errors")).Status);
        var missing = await SendAsync(HttpMethod.Get, "/wire-errors/no/such%20key");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("application/xml", missing.Headers["Content-Type"]);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>no/such key</Key><RequestId>",
            missing.Body, StringComparison.Ordinal);
        Assert.Equal(missing.Headers["x-amz-request-id"], missing.Body.Split("<RequestId>")[1].Split("</RequestId>")[0]);

        var head = await SendAsync(HttpMethod.Head, "/wire-errors/none");
        Assert.Equal(HttpStatusCode.NotFound, head.Status);
        Assert.Equal("", head.Body);

        var invalidName = await SendAsync(HttpMethod.Put, "/Bad_Name");
        Assert.Contains("<Code>InvalidBucketName</Code>", invalidName.Body, StringComparison.Ordinal);
        var unsupported = await SendAsync(HttpMethod.Get, "/wire-errors?acl");
        Assert.Equal(HttpStatusCode.NotImplemented, unsupported.Status);
        Assert.Contains("<Code>NotImplemented</Code>", unsupported.Body, StringComparison.Ordinal);
        var range = await SendAsync(HttpMethod.Put, "/wire-errors/r", "abc");
        Assert.Equal(HttpStatusCode.OK, range.Status);
        var unsatisfiable = await SendAsync(HttpMethod.Get, "/wire-errors/r", null, ("Range", "bytes=5-9"));
        Assert.Equal((HttpStatusCode)416, unsatisfiable.Status);
        Assert.Contains("<Code>InvalidRange</Code><Message>The requested range is not satisfiable</Message><RangeRequested>bytes=5-9</RangeRequested><ActualObjectSize>3</ActualObjectSize>",
            unsatisfiable.Body, StringComparison.Ordinal);
        var ignored = await SendAsync(HttpMethod.Get, "/wire-errors/r", null, ("Range", "bytes=2-1"));
        Assert.Equal(HttpStatusCode.OK, ignored.Status);
        Assert.Equal("abc", ignored.Body);
    }
}
