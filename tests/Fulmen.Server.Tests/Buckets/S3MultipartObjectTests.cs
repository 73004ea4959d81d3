using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets;

/// <summary>
/// A completed multipart upload is stored as its parts' files (never joined into one), through AWS's .NET S3 client:
/// read whole and by ranges across part boundaries, copied (CopyObject, UploadPartCopy with a source range), its files
/// gone after an overwrite or a delete, a FULL_OBJECT CRC combined from the parts', and read again after a restart
/// whose sweep keeps the part files an object names.
/// </summary>
[Trait("Backend", "Both")]
public sealed class S3MultipartObjectTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Part = 5 * 1024 * 1024;

    private static AmazonS3Client Client(FulmenServer server) => new(new BasicAWSCredentials("test", "test"), new AmazonS3Config
    {
        ServiceURL = server.Endpoint,
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        MaxErrorRetry = 0,
    });

    /// <summary>Three parts of different bytes, the last one short and odd.</summary>
    private static byte[][] Parts() => [RandomNumberGenerator.GetBytes(Part), RandomNumberGenerator.GetBytes(Part), RandomNumberGenerator.GetBytes(1024 * 1024 + 7)];

    [Fact]
    public async Task Completed_StoredAsItsPartFiles_ReadWholeAndByRangesAcrossParts()
    {
        using var s3 = Client(fixture.Server);
        await s3.PutBucketAsync("mpo-read");
        var parts = Parts();
        var whole = parts.SelectMany(p => p).ToArray();
        var before = ObjectFiles(fixture.Server);
        var completed = await UploadAsync(s3, "mpo-read", "three.bin", parts);
        Assert.EndsWith("-3\"", completed.ETag, StringComparison.Ordinal);
        // One file per part and no other: the completion wrote nothing.
        Assert.Equal(3, ObjectFiles(fixture.Server).Except(before).Count());

        Assert.Equal(whole, await GetAsync(s3, "mpo-read", "three.bin", null));
        var head = await s3.GetObjectMetadataAsync("mpo-read", "three.bin");
        Assert.Equal(whole.Length, head.ContentLength);
        Assert.Equal(completed.ETag, head.ETag);
        foreach (var (first, last) in new (long, long)[]
        {
            (Part - 10, Part + 9), // across the first boundary
            (Part - 1, 2L * Part), // last byte of part 1 through first byte of part 3
            (0, whole.Length - 1), // all of it as a range
            (Part, 2L * Part - 1), // exactly part 2
            (2L * Part + 5, 2L * Part + 5), // one byte of part 3
            (Part + 100, whole.Length + 1000), // past the end: up to the end
        })
        {
            var end = Math.Min(last, whole.Length - 1);
            var got = await GetAsync(s3, "mpo-read", "three.bin", new ByteRange(first, last));
            Assert.True(whole.AsSpan((int)first, (int)(end - first + 1)).SequenceEqual(got), $"bytes {first}-{last} differ");
        }
    }

    [Fact]
    public async Task MultipartSource_CopyObjectAndUploadPartCopyWithRange_SameBytes()
    {
        using var s3 = Client(fixture.Server);
        await s3.PutBucketAsync("mpo-copy");
        var parts = Parts();
        var whole = parts.SelectMany(p => p).ToArray();
        await UploadAsync(s3, "mpo-copy", "source.bin", parts);

        var copied = await s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = "mpo-copy", SourceKey = "source.bin", DestinationBucket = "mpo-copy", DestinationKey = "copy.bin" });
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(whole))}\"", copied.ETag);
        Assert.Equal(whole, await GetAsync(s3, "mpo-copy", "copy.bin", null));

        // A new upload whose first part is a range of the source across its first boundary, whose second is its last part.
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = "mpo-copy", Key = "spliced.bin" });
        var first = await s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = "mpo-copy", SourceKey = "source.bin", DestinationBucket = "mpo-copy", DestinationKey = "spliced.bin",
            UploadId = upload.UploadId, PartNumber = 1, FirstByte = Part / 2, LastByte = Part / 2 + Part - 1,
        });
        var second = await s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = "mpo-copy", SourceKey = "source.bin", DestinationBucket = "mpo-copy", DestinationKey = "spliced.bin",
            UploadId = upload.UploadId, PartNumber = 2, FirstByte = 2L * Part, LastByte = whole.Length - 1,
        });
        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = "mpo-copy", Key = "spliced.bin", UploadId = upload.UploadId,
            PartETags = [new PartETag { PartNumber = 1, ETag = first.ETag }, new PartETag { PartNumber = 2, ETag = second.ETag }],
        });
        var expected = whole.AsSpan(Part / 2, Part).ToArray().Concat(parts[2]).ToArray();
        Assert.Equal(expected, await GetAsync(s3, "mpo-copy", "spliced.bin", null));
    }

    [Fact]
    public async Task MultipartObject_OverwrittenOrDeleted_ItsPartFilesGone()
    {
        using var s3 = Client(fixture.Server);
        await s3.PutBucketAsync("mpo-remove");
        var files = new List<string>();
        foreach (var key in new[] { "overwritten.bin", "deleted.bin", "batch.bin", "again.bin" })
        {
            var before = ObjectFiles(fixture.Server);
            await UploadAsync(s3, "mpo-remove", key, Parts());
            var added = ObjectFiles(fixture.Server).Except(before).ToList();
            Assert.Equal(3, added.Count);
            files.AddRange(added);
        }
        var overwritten = files[0..3];
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "mpo-remove", Key = "overwritten.bin", ContentBody = "small now" });
        Assert.All(overwritten, file => Assert.False(File.Exists(file), $"{file} of the overwritten object is still there"));
        using (var get = await s3.GetObjectAsync("mpo-remove", "overwritten.bin"))
        {
            Assert.Equal("small now", await new StreamReader(get.ResponseStream).ReadToEndAsync());
        }

        await s3.DeleteObjectAsync("mpo-remove", "deleted.bin");
        Assert.All(files[3..6], file => Assert.False(File.Exists(file), $"{file} of the deleted object is still there"));
        await s3.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = "mpo-remove", Objects = [new KeyVersion { Key = "batch.bin" }] });
        Assert.All(files[6..9], file => Assert.False(File.Exists(file), $"{file} of the object deleted in a batch is still there"));

        // Overwritten by another multipart upload: the old parts go, the new ones stay.
        var again = ObjectFiles(fixture.Server);
        var parts = Parts();
        await UploadAsync(s3, "mpo-remove", "again.bin", parts);
        Assert.All(files[9..12], file => Assert.False(File.Exists(file), $"{file} of the replaced multipart object is still there"));
        Assert.Equal(3, ObjectFiles(fixture.Server).Except(again).Count());
        Assert.Equal(parts.SelectMany(p => p).ToArray(), await GetAsync(s3, "mpo-remove", "again.bin", null));
    }

    [Fact]
    public async Task FullObjectCrc32_CombinedFromThePartsCrcs_IsTheWholeObjectsCrc()
    {
        using var s3 = Client(fixture.Server);
        await s3.PutBucketAsync("mpo-crc");
        var parts = Parts();
        var whole = parts.SelectMany(p => p).ToArray();
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = "mpo-crc", Key = "crc.bin", ChecksumAlgorithm = ChecksumAlgorithm.CRC32, ChecksumType = ChecksumType.FULL_OBJECT,
        });
        var etags = new List<PartETag>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = "mpo-crc", Key = "crc.bin", UploadId = upload.UploadId, PartNumber = i + 1,
                InputStream = new MemoryStream(parts[i]), ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
            });
            etags.Add(new PartETag { PartNumber = i + 1, ETag = part.ETag, ChecksumCRC32 = part.ChecksumCRC32 });
        }
        var completed = await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = "mpo-crc", Key = "crc.bin", UploadId = upload.UploadId, PartETags = etags, ChecksumType = ChecksumType.FULL_OBJECT,
        });
        var expected = Convert.ToBase64String(Crc32BigEndian(whole));
        Assert.Equal(expected, completed.ChecksumCRC32);
        var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "mpo-crc", Key = "crc.bin", ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(expected, head.ChecksumCRC32);
        Assert.Equal(ChecksumType.FULL_OBJECT, head.ChecksumType);
        // The SDK validates the whole object's CRC32 as it downloads it.
        using var get = await s3.GetObjectAsync(new GetObjectRequest { BucketName = "mpo-crc", Key = "crc.bin", ChecksumMode = ChecksumMode.ENABLED });
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(whole, copy.ToArray());
    }

    [Fact]
    public async Task MultipartObject_ServerKilledWithOldFiles_ReadsAndItsFilesAreNotSwept()
    {
        await using var server = await FulmenServer.StartAsync();
        using (var s3 = Client(server))
        {
            await s3.PutBucketAsync("mpo-restart");
        }
        var parts = Parts();
        var whole = parts.SelectMany(p => p).ToArray();
        var before = ObjectFiles(server);
        using (var s3 = Client(server))
        {
            await UploadAsync(s3, "mpo-restart", "kept.bin", parts);
        }
        var named = ObjectFiles(server).Except(before).ToList();
        Assert.Equal(3, named.Count);
        // Killed (SIGKILL) right after the completion's answer: the object's parts and record are already on disk.
        server.Crash();
        // Older than the sweep's hour: only being named by the object keeps them.
        foreach (var file in named)
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2));
        }
        await server.RestartAsync();

        Assert.All(named, file => Assert.True(File.Exists(file), $"{file}, a part of an object, was swept"));
        using var again = Client(server);
        Assert.Equal(whole, await GetAsync(again, "mpo-restart", "kept.bin", null));
        var range = await GetAsync(again, "mpo-restart", "kept.bin", new ByteRange(Part - 3, Part + 2));
        Assert.True(whole.AsSpan(Part - 3, 6).SequenceEqual(range));
    }

    [Fact]
    public async Task PartsUploadedAtOnce_OddSizes_EachETagIsItsMd5()
    {
        // Many parts at once share the MD5 lanes (where the CPU has them): sizes around block and slice edges.
        using var s3 = Client(fixture.Server);
        await s3.PutBucketAsync("mpo-md5");
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = "mpo-md5", Key = "many.bin" });
        int[] sizes = [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 4095, 65_537, 262_143, 262_145, 1_000_003, 3 * 1024 * 1024 + 17, 5 * 1024 * 1024, 7_777_777];
        var parts = sizes.Select(RandomNumberGenerator.GetBytes).ToArray();
        var etags = await Task.WhenAll(parts.Select(async (bytes, i) => (await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = "mpo-md5", Key = "many.bin", UploadId = upload.UploadId, PartNumber = i + 1, InputStream = new MemoryStream(bytes),
        })).ETag));
        for (var i = 0; i < parts.Length; i++)
        {
            Assert.True($"\"{Convert.ToHexStringLower(MD5.HashData(parts[i]))}\"" == etags[i], $"part {i + 1} of {sizes[i]} bytes: ETag {etags[i]}");
        }
        await s3.AbortMultipartUploadAsync("mpo-md5", "many.bin", upload.UploadId);
    }

    private static async Task<CompleteMultipartUploadResponse> UploadAsync(AmazonS3Client s3, string bucket, string key, byte[][] parts)
    {
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = key });
        var etags = new List<PartETag>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = await s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket, Key = key, UploadId = upload.UploadId, PartNumber = i + 1, InputStream = new MemoryStream(parts[i]),
            });
            etags.Add(new PartETag { PartNumber = i + 1, ETag = part.ETag });
        }
        return await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = upload.UploadId, PartETags = etags });
    }

    private static async Task<byte[]> GetAsync(AmazonS3Client s3, string bucket, string key, ByteRange? range)
    {
        using var get = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = range });
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static List<string> ObjectFiles(FulmenServer server) =>
        [.. Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "buckets", "objects"), "*", SearchOption.AllDirectories)];

    /// <summary>CRC-32 (ISO-HDLC, as S3's CRC32) in S3's byte order.</summary>
    private static byte[] Crc32BigEndian(byte[] data)
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        crc = ~crc;
        return [(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc];
    }
}
