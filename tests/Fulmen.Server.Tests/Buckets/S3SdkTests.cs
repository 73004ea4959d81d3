using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets;

/// <summary>
/// AWS's .NET S3 client (AWSSDK.S3): default checksums (its aws-chunked uploads with trailing checksums), validated
/// downloads, the transfer utility's multipart uploads, conditional writes and presigned PUT and GET URLs used by curl.
/// </summary>
[Trait("Backend", "Both")]
public sealed class S3SdkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private AmazonS3Client Client() => new(new BasicAWSCredentials("test", "test"), new AmazonS3Config
    {
        ServiceURL = fixture.Server.Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
    });

    [Fact]
    public async Task PutAndGet_DefaultChecksums_ValidatedRoundTrip()
    {
        using var s3 = Client();
        await s3.PutBucketAsync("sdk-objects");
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var put = await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "sdk-objects",
            Key = "data/blob.bin",
            InputStream = new MemoryStream(bytes),
            ContentType = "application/x-test",
            Metadata = { ["origin"] = "dotnet" },
        });
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(bytes))}\"", put.ETag);

        using var get = await s3.GetObjectAsync(new GetObjectRequest { BucketName = "sdk-objects", Key = "data/blob.bin", ChecksumMode = ChecksumMode.ENABLED });
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal("application/x-test", get.Headers.ContentType);
        Assert.Equal("dotnet", get.Metadata["origin"]);

        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "sdk-objects", Prefix = "data/" });
        Assert.Equal(["data/blob.bin"], listed.S3Objects.Select(o => o.Key));
        Assert.Equal(bytes.Length, listed.S3Objects[0].Size);

        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("sdk-objects", "data/none"));
        Assert.Equal("NoSuchKey", missing.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var noBucket = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "sdk-none" }));
        Assert.Equal("NoSuchBucket", noBucket.ErrorCode);
    }

    [Fact]
    public async Task PutObject_IfNoneMatchStar_OnlyTheFirstWriterWins()
    {
        using var s3 = Client();
        await s3.PutBucketAsync("sdk-conditional");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "sdk-conditional", Key = "once", ContentBody = "first", IfNoneMatch = "*" });
        var second = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() =>
            s3.PutObjectAsync(new PutObjectRequest { BucketName = "sdk-conditional", Key = "once", ContentBody = "second", IfNoneMatch = "*" }));
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        Assert.Equal("PreconditionFailed", second.ErrorCode);
        using var get = await s3.GetObjectAsync("sdk-conditional", "once");
        Assert.Equal("first", await new StreamReader(get.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task TransferUtility_MultipartUpload_DownloadsTheSameBytes()
    {
        using var s3 = Client();
        await s3.PutBucketAsync("sdk-multipart");
        // Over the utility's 16 MiB threshold, so it uploads in parts.
        var bytes = RandomNumberGenerator.GetBytes(18 * 1024 * 1024 + 7);
        using var transfer = new TransferUtility(s3);
        await transfer.UploadAsync(new TransferUtilityUploadRequest
        {
            BucketName = "sdk-multipart",
            Key = "big.bin",
            InputStream = new MemoryStream(bytes),
            PartSize = 5 * 1024 * 1024,
        });
        var head = await s3.GetObjectMetadataAsync("sdk-multipart", "big.bin");
        Assert.EndsWith("-4\"", head.ETag, StringComparison.Ordinal);
        Assert.Equal(bytes.Length, head.ContentLength);
        using var get = await s3.GetObjectAsync(new GetObjectRequest { BucketName = "sdk-multipart", Key = "big.bin", ChecksumMode = ChecksumMode.ENABLED });
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task PresignedPutAndGet_UsedByCurl_StoreAndServeTheObject()
    {
        using var s3 = Client();
        await s3.PutBucketAsync("sdk-presigned");
        var putUrl = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "sdk-presigned",
            Key = "up/loaded.txt",
            Verb = HttpVerb.PUT,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Protocol = Protocol.HTTP,
        });
        var directory = Path.Combine(fixture.Server.DataDirectory, "presigned-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "loaded.txt");
        await File.WriteAllTextAsync(file, "uploaded by curl");
        var uploaded = await Curl.RunAsync(directory, "-T", file, putUrl);
        Assert.True(uploaded.Status == 200, uploaded.ToString());
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData("uploaded by curl"u8))}\"", uploaded.Header("ETag"));

        var getUrl = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = "sdk-presigned",
            Key = "up/loaded.txt",
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Protocol = Protocol.HTTP,
        });
        var fetched = await Curl.RunAsync(directory, getUrl);
        Assert.True(fetched.Status == 200, fetched.ToString());
        Assert.Equal("uploaded by curl", fetched.Text);
    }
}
