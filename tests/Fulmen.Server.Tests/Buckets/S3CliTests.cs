using System.Security.Cryptography;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets;

/// <summary>The S3-compatible object store through Debian's AWS CLI: <c>aws s3</c> (cp, sync, ls, rm, mb, rb, presign) and <c>aws s3api</c>.</summary>
[Trait("Backend", "Both")]
public sealed class S3CliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private AwsCli Aws => fixture.Lambda.Aws;

    private string Scratch(string name)
    {
        var directory = Path.Combine(fixture.Server.DataDirectory, "s3-scratch", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    [Fact]
    public async Task Buckets_CreateListLocationTagsDelete_AsS3Answers()
    {
        await Aws.SucceedAsync("s3", "mb", "s3://cli-buckets");
        var again = await Aws.RunAsync("s3api", "create-bucket", "--bucket", "cli-buckets");
        Assert.Contains("BucketAlreadyOwnedByYou", again.StandardError, StringComparison.Ordinal);
        var invalid = await Aws.RunAsync("s3api", "create-bucket", "--bucket", "Not_Valid");
        Assert.Contains("InvalidBucketName", invalid.StandardError, StringComparison.Ordinal);

        var listed = (await Aws.SucceedAsync("s3api", "list-buckets")).Json.GetProperty("Buckets");
        Assert.Contains("cli-buckets", listed.EnumerateArray().Select(b => b.GetProperty("Name").GetString()));
        await Aws.SucceedAsync("s3api", "head-bucket", "--bucket", "cli-buckets");
        var location = (await Aws.SucceedAsync("s3api", "get-bucket-location", "--bucket", "cli-buckets")).Json;
        Assert.Equal(JsonValueKind.Null, location.GetProperty("LocationConstraint").ValueKind);

        var noTags = await Aws.RunAsync("s3api", "get-bucket-tagging", "--bucket", "cli-buckets");
        Assert.Contains("NoSuchTagSet", noTags.StandardError, StringComparison.Ordinal);
        await Aws.SucceedAsync("s3api", "put-bucket-tagging", "--bucket", "cli-buckets", "--tagging", "TagSet=[{Key=team,Value=core}]");
        var tags = (await Aws.SucceedAsync("s3api", "get-bucket-tagging", "--bucket", "cli-buckets")).Json.GetProperty("TagSet");
        Assert.Equal("core", tags[0].GetProperty("Value").GetString());

        await Aws.SucceedAsync("s3api", "put-bucket-policy", "--bucket", "cli-buckets", "--policy",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::cli-buckets/*"}]}""");
        var policy = (await Aws.SucceedAsync("s3api", "get-bucket-policy", "--bucket", "cli-buckets")).Json.GetProperty("Policy").GetString()!;
        Assert.Contains("s3:GetObject", policy, StringComparison.Ordinal);
        var malformed = await Aws.RunAsync("s3api", "put-bucket-policy", "--bucket", "cli-buckets", "--policy", "not json");
        Assert.Contains("MalformedPolicy", malformed.StandardError, StringComparison.Ordinal);

        var file = Scratch("keep.txt");
        await File.WriteAllTextAsync(file, "keep");
        await Aws.SucceedAsync("s3", "cp", file, "s3://cli-buckets/keep.txt");
        var notEmpty = await Aws.RunAsync("s3", "rb", "s3://cli-buckets");
        Assert.Contains("BucketNotEmpty", notEmpty.StandardError, StringComparison.Ordinal);
        await Aws.SucceedAsync("s3", "rb", "s3://cli-buckets", "--force");
        var gone = await Aws.RunAsync("s3api", "head-bucket", "--bucket", "cli-buckets");
        Assert.NotEqual(0, gone.ExitCode);
        var missing = await Aws.RunAsync("s3api", "list-objects-v2", "--bucket", "cli-buckets");
        Assert.Contains("NoSuchBucket", missing.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CpSyncLsRm_FilesRoundTrip_WithMetadataAndContentHeaders()
    {
        await Aws.SucceedAsync("s3", "mb", "s3://cli-files");
        var directory = Path.GetDirectoryName(Scratch("x"))!;
        Directory.CreateDirectory(Path.Combine(directory, "sub"));
        await File.WriteAllTextAsync(Path.Combine(directory, "one.txt"), "one");
        await File.WriteAllTextAsync(Path.Combine(directory, "sub", "two.json"), "{\"two\":2}");
        await File.WriteAllTextAsync(Path.Combine(directory, "sub", "with space+plus.txt"), "odd name");

        var synced = await Aws.SucceedAsync("s3", "sync", directory, "s3://cli-files/site/");
        Assert.Contains("upload:", synced.StandardOutput, StringComparison.Ordinal);
        var again = await Aws.SucceedAsync("s3", "sync", directory, "s3://cli-files/site/");
        Assert.DoesNotContain("upload:", again.StandardOutput, StringComparison.Ordinal);

        var top = (await Aws.SucceedAsync("s3", "ls", "s3://cli-files/site/")).StandardOutput;
        Assert.Contains("PRE sub/", top, StringComparison.Ordinal);
        Assert.Contains("one.txt", top, StringComparison.Ordinal);
        var all = (await Aws.SucceedAsync("s3", "ls", "s3://cli-files", "--recursive")).StandardOutput;
        Assert.Contains("site/sub/with space+plus.txt", all, StringComparison.Ordinal);

        var head = (await Aws.SucceedAsync("s3api", "head-object", "--bucket", "cli-files", "--key", "site/sub/two.json")).Json;
        Assert.Equal("application/json", head.GetProperty("ContentType").GetString());
        Assert.Equal($"\"{Md5("{\"two\":2}")}\"", head.GetProperty("ETag").GetString());

        var local = Scratch("meta.txt");
        await File.WriteAllTextAsync(local, "with metadata");
        await Aws.SucceedAsync("s3", "cp", local, "s3://cli-files/meta.txt", "--metadata", "owner=ana,Stage=test", "--content-type", "text/x-test",
            "--cache-control", "max-age=60", "--content-disposition", "attachment");
        var meta = (await Aws.SucceedAsync("s3api", "head-object", "--bucket", "cli-files", "--key", "meta.txt")).Json;
        Assert.Equal("ana", meta.GetProperty("Metadata").GetProperty("owner").GetString());
        Assert.Equal("test", meta.GetProperty("Metadata").GetProperty("stage").GetString());
        Assert.Equal("text/x-test", meta.GetProperty("ContentType").GetString());
        Assert.Equal("max-age=60", meta.GetProperty("CacheControl").GetString());
        Assert.Equal("attachment", meta.GetProperty("ContentDisposition").GetString());

        var down = Path.Combine(Path.GetDirectoryName(Scratch("x"))!, "down");
        await Aws.SucceedAsync("s3", "cp", "s3://cli-files/site/", down, "--recursive");
        Assert.Equal("odd name", await File.ReadAllTextAsync(Path.Combine(down, "sub", "with space+plus.txt")));

        var removed = await Aws.SucceedAsync("s3", "rm", "s3://cli-files/site/", "--recursive");
        Assert.Contains("delete: s3://cli-files/site/one.txt", removed.StandardOutput, StringComparison.Ordinal);
        var left = (await Aws.SucceedAsync("s3api", "list-objects-v2", "--bucket", "cli-files")).Json;
        Assert.Equal(["meta.txt"], left.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()));
    }

    [Fact]
    public async Task LargeFile_MultipartUploadAndDownload_SameBytesAndPartsETag()
    {
        await Aws.SucceedAsync("s3", "mb", "s3://cli-large");
        var file = Scratch("large.bin");
        var bytes = RandomNumberGenerator.GetBytes(20 * 1024 * 1024 + 123);
        await File.WriteAllBytesAsync(file, bytes);
        await Aws.SucceedAsync("s3", "cp", file, "s3://cli-large/large.bin");
        var head = (await Aws.SucceedAsync("s3api", "head-object", "--bucket", "cli-large", "--key", "large.bin")).Json;
        Assert.Equal(bytes.Length, head.GetProperty("ContentLength").GetInt64());
        Assert.EndsWith("-3\"", head.GetProperty("ETag").GetString(), StringComparison.Ordinal);
        var back = Scratch("back.bin");
        await Aws.SucceedAsync("s3", "cp", "s3://cli-large/large.bin", back);
        var downloaded = await File.ReadAllBytesAsync(back);
        Assert.True(bytes.AsSpan().SequenceEqual(downloaded));

        // Kept as the CLI's three 8 MiB parts' files: a range across the first boundary, then removal takes every file.
        const int boundary = 8 * 1024 * 1024;
        var ranged = Scratch("ranged.bin");
        await Aws.SucceedAsync("s3api", "get-object", "--bucket", "cli-large", "--key", "large.bin", "--range", $"bytes={boundary - 100}-{boundary + 99}", ranged);
        var rangeBytes = await File.ReadAllBytesAsync(ranged);
        Assert.True(bytes.AsSpan(boundary - 100, 200).SequenceEqual(rangeBytes));
        var objects = Path.Combine(fixture.Server.DataDirectory, "buckets", "objects");
        var before = Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories).Count();
        await Aws.SucceedAsync("s3", "rm", "s3://cli-large/large.bin");
        Assert.Equal(before - 3, Directory.EnumerateFiles(objects, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task S3Api_PutGetRangeConditionsCopyDeleteObjects()
    {
        await Aws.SucceedAsync("s3api", "create-bucket", "--bucket", "cli-api");
        var body = Scratch("body.txt");
        await File.WriteAllTextAsync(body, "0123456789");
        var md5 = Convert.ToBase64String(MD5.HashData("0123456789"u8));
        var put = (await Aws.SucceedAsync("s3api", "put-object", "--bucket", "cli-api", "--key", "digits", "--body", body, "--content-md5", md5,
            "--checksum-algorithm", "SHA256", "--tagging", "a=1&b=2")).Json;
        Assert.Equal($"\"{Md5("0123456789")}\"", put.GetProperty("ETag").GetString());
        Assert.Equal(Convert.ToBase64String(SHA256.HashData("0123456789"u8)), put.GetProperty("ChecksumSHA256").GetString());

        var wrongMd5 = await Aws.RunAsync("s3api", "put-object", "--bucket", "cli-api", "--key", "bad", "--body", body,
            "--content-md5", Convert.ToBase64String(MD5.HashData("other"u8)));
        Assert.Contains("BadDigest", wrongMd5.StandardError, StringComparison.Ordinal);
        var invalidMd5 = await Aws.RunAsync("s3api", "put-object", "--bucket", "cli-api", "--key", "bad", "--body", body, "--content-md5", "xyz");
        Assert.Contains("InvalidDigest", invalidMd5.StandardError, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Aws.RunAsync("s3api", "head-object", "--bucket", "cli-api", "--key", "bad")).ExitCode);

        var part = Scratch("part.txt");
        var ranged = (await Aws.SucceedAsync("s3api", "get-object", "--bucket", "cli-api", "--key", "digits", "--range", "bytes=2-4", part)).Json;
        Assert.Equal("bytes 2-4/10", ranged.GetProperty("ContentRange").GetString());
        Assert.Equal("234", await File.ReadAllTextAsync(part));
        await Aws.SucceedAsync("s3api", "get-object", "--bucket", "cli-api", "--key", "digits", "--range", "bytes=-3", part);
        Assert.Equal("789", await File.ReadAllTextAsync(part));
        var beyond = await Aws.RunAsync("s3api", "get-object", "--bucket", "cli-api", "--key", "digits", "--range", "bytes=10-", part);
        Assert.Contains("InvalidRange", beyond.StandardError, StringComparison.Ordinal);

        var etag = put.GetProperty("ETag").GetString()!;
        var notModified = await Aws.RunAsync("s3api", "get-object", "--bucket", "cli-api", "--key", "digits", "--if-none-match", etag, part);
        Assert.Contains("304", notModified.StandardError, StringComparison.Ordinal);
        var failed = await Aws.RunAsync("s3api", "get-object", "--bucket", "cli-api", "--key", "digits", "--if-match", "\"0000\"", part);
        Assert.Contains("PreconditionFailed", failed.StandardError, StringComparison.Ordinal);
        await Aws.SucceedAsync("s3api", "get-object", "--bucket", "cli-api", "--key", "digits", "--if-match", etag, part);

        var tags = (await Aws.SucceedAsync("s3api", "get-object-tagging", "--bucket", "cli-api", "--key", "digits")).Json.GetProperty("TagSet");
        Assert.Equal(["a=1", "b=2"], tags.EnumerateArray().Select(t => $"{t.GetProperty("Key").GetString()}={t.GetProperty("Value").GetString()}").Order());
        await Aws.SucceedAsync("s3api", "put-object-tagging", "--bucket", "cli-api", "--key", "digits", "--tagging", "TagSet=[{Key=c,Value=3}]");
        var changed = (await Aws.SucceedAsync("s3api", "get-object-tagging", "--bucket", "cli-api", "--key", "digits")).Json.GetProperty("TagSet");
        Assert.Equal("c", changed[0].GetProperty("Key").GetString());
        await Aws.SucceedAsync("s3api", "delete-object-tagging", "--bucket", "cli-api", "--key", "digits");
        Assert.Equal(0, (await Aws.SucceedAsync("s3api", "get-object-tagging", "--bucket", "cli-api", "--key", "digits")).Json.GetProperty("TagSet").GetArrayLength());

        var copied = (await Aws.SucceedAsync("s3api", "copy-object", "--bucket", "cli-api", "--key", "copy/digits", "--copy-source", "cli-api/digits")).Json;
        Assert.Equal(etag, copied.GetProperty("CopyObjectResult").GetProperty("ETag").GetString());
        var self = await Aws.RunAsync("s3api", "copy-object", "--bucket", "cli-api", "--key", "digits", "--copy-source", "cli-api/digits");
        Assert.Contains("InvalidRequest", self.StandardError, StringComparison.Ordinal);
        await Aws.SucceedAsync("s3api", "copy-object", "--bucket", "cli-api", "--key", "digits", "--copy-source", "cli-api/digits",
            "--metadata-directive", "REPLACE", "--metadata", "fresh=yes");
        Assert.Equal("yes", (await Aws.SucceedAsync("s3api", "head-object", "--bucket", "cli-api", "--key", "digits")).Json.GetProperty("Metadata").GetProperty("fresh").GetString());

        var deleted = (await Aws.SucceedAsync("s3api", "delete-objects", "--bucket", "cli-api", "--delete", "Objects=[{Key=digits},{Key=copy/digits},{Key=never}]")).Json;
        Assert.Equal(3, deleted.GetProperty("Deleted").GetArrayLength());
        var noKey = await Aws.RunAsync("s3api", "get-object", "--bucket", "cli-api", "--key", "digits", part);
        Assert.Contains("NoSuchKey", noKey.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listings_PrefixDelimiterPagesAndStartAfter_V2AndV1()
    {
        await Aws.SucceedAsync("s3api", "create-bucket", "--bucket", "cli-list");
        var body = Scratch("b.txt");
        await File.WriteAllTextAsync(body, "x");
        string[] keys = ["a/1", "a/2", "a/b/3", "b/4", "c", "d/5", "d/6"];
        foreach (var key in keys)
        {
            await Aws.SucceedAsync("s3api", "put-object", "--bucket", "cli-list", "--key", key, "--body", body);
        }
        var top = (await Aws.SucceedAsync("s3api", "list-objects-v2", "--bucket", "cli-list", "--delimiter", "/")).Json;
        Assert.Equal(["c"], top.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()));
        Assert.Equal(["a/", "b/", "d/"], top.GetProperty("CommonPrefixes").EnumerateArray().Select(c => c.GetProperty("Prefix").GetString()));

        var underA = (await Aws.SucceedAsync("s3api", "list-objects-v2", "--bucket", "cli-list", "--prefix", "a/", "--delimiter", "/")).Json;
        Assert.Equal(["a/1", "a/2"], underA.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()));
        Assert.Equal(["a/b/"], underA.GetProperty("CommonPrefixes").EnumerateArray().Select(c => c.GetProperty("Prefix").GetString()));

        // Pages of two: the CLI follows continuation tokens and joins them.
        var paged = (await Aws.SucceedAsync("s3api", "list-objects-v2", "--bucket", "cli-list", "--page-size", "2")).Json;
        Assert.Equal(keys, paged.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()));
        var first = (await Aws.SucceedAsync("s3api", "list-objects-v2", "--bucket", "cli-list", "--max-keys", "2", "--no-paginate")).Json;
        Assert.True(first.GetProperty("IsTruncated").GetBoolean());
        Assert.Equal(2, first.GetProperty("KeyCount").GetInt32());
        var next = (await Aws.SucceedAsync("s3api", "list-objects-v2", "--bucket", "cli-list", "--max-keys", "2", "--no-paginate",
            "--continuation-token", first.GetProperty("NextContinuationToken").GetString()!)).Json;
        Assert.Equal(["a/b/3", "b/4"], next.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()));

        var after = (await Aws.SucceedAsync("s3api", "list-objects-v2", "--bucket", "cli-list", "--start-after", "c")).Json;
        Assert.Equal(["d/5", "d/6"], after.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()));

        var v1 = (await Aws.SucceedAsync("s3api", "list-objects", "--bucket", "cli-list", "--delimiter", "/", "--page-size", "1")).Json;
        Assert.Equal(["c"], v1.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()));
        Assert.Equal(["a/", "b/", "d/"], v1.GetProperty("CommonPrefixes").EnumerateArray().Select(c => c.GetProperty("Prefix").GetString()));
        var marker = (await Aws.SucceedAsync("s3api", "list-objects", "--bucket", "cli-list", "--marker", "b/4")).Json;
        Assert.Equal(["c", "d/5", "d/6"], marker.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()));
    }

    [Fact]
    public async Task MultipartApi_CreateUploadListCompleteAbort()
    {
        await Aws.SucceedAsync("s3api", "create-bucket", "--bucket", "cli-multi");
        var upload = (await Aws.SucceedAsync("s3api", "create-multipart-upload", "--bucket", "cli-multi", "--key", "joined", "--metadata", "k=v")).Json;
        var uploadId = upload.GetProperty("UploadId").GetString()!;
        var one = Scratch("one.bin");
        var two = Scratch("two.bin");
        var first = RandomNumberGenerator.GetBytes(5 * 1024 * 1024);
        await File.WriteAllBytesAsync(one, first);
        await File.WriteAllTextAsync(two, "tail");
        var etag1 = (await Aws.SucceedAsync("s3api", "upload-part", "--bucket", "cli-multi", "--key", "joined", "--upload-id", uploadId, "--part-number", "1", "--body", one)).Json.GetProperty("ETag").GetString()!;
        var etag2 = (await Aws.SucceedAsync("s3api", "upload-part", "--bucket", "cli-multi", "--key", "joined", "--upload-id", uploadId, "--part-number", "2", "--body", two)).Json.GetProperty("ETag").GetString()!;
        var parts = (await Aws.SucceedAsync("s3api", "list-parts", "--bucket", "cli-multi", "--key", "joined", "--upload-id", uploadId)).Json.GetProperty("Parts");
        Assert.Equal([1, 2], parts.EnumerateArray().Select(p => p.GetProperty("PartNumber").GetInt32()));
        var uploads = (await Aws.SucceedAsync("s3api", "list-multipart-uploads", "--bucket", "cli-multi")).Json.GetProperty("Uploads");
        Assert.Equal(uploadId, uploads[0].GetProperty("UploadId").GetString());

        var wrongOrder = await Aws.RunAsync("s3api", "complete-multipart-upload", "--bucket", "cli-multi", "--key", "joined", "--upload-id", uploadId,
            "--multipart-upload", $"Parts=[{{PartNumber=2,ETag={etag2}}},{{PartNumber=1,ETag={etag1}}}]");
        Assert.Contains("InvalidPartOrder", wrongOrder.StandardError, StringComparison.Ordinal);
        var completed = (await Aws.SucceedAsync("s3api", "complete-multipart-upload", "--bucket", "cli-multi", "--key", "joined", "--upload-id", uploadId,
            "--multipart-upload", $"Parts=[{{PartNumber=1,ETag={etag1}}},{{PartNumber=2,ETag={etag2}}}]")).Json;
        var expected = Convert.ToHexStringLower(MD5.HashData([.. MD5.HashData(first), .. MD5.HashData("tail"u8)])) + "-2";
        Assert.Equal($"\"{expected}\"", completed.GetProperty("ETag").GetString());
        var head = (await Aws.SucceedAsync("s3api", "head-object", "--bucket", "cli-multi", "--key", "joined")).Json;
        Assert.Equal(first.Length + 4, head.GetProperty("ContentLength").GetInt64());
        Assert.Equal("v", head.GetProperty("Metadata").GetProperty("k").GetString());
        var done = await Aws.RunAsync("s3api", "list-parts", "--bucket", "cli-multi", "--key", "joined", "--upload-id", uploadId);
        Assert.Contains("NoSuchUpload", done.StandardError, StringComparison.Ordinal);

        var aborted = (await Aws.SucceedAsync("s3api", "create-multipart-upload", "--bucket", "cli-multi", "--key", "never")).Json.GetProperty("UploadId").GetString()!;
        await Aws.SucceedAsync("s3api", "abort-multipart-upload", "--bucket", "cli-multi", "--key", "never", "--upload-id", aborted);
        Assert.DoesNotContain(aborted, (await Aws.SucceedAsync("s3api", "list-multipart-uploads", "--bucket", "cli-multi")).StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PresignedGet_UsedByCurl_ServesTheObject()
    {
        await Aws.SucceedAsync("s3", "mb", "s3://cli-presign");
        var file = Scratch("shared.txt");
        await File.WriteAllTextAsync(file, "shared by URL");
        await Aws.SucceedAsync("s3", "cp", file, "s3://cli-presign/docs/shared.txt");
        var url = (await Aws.SucceedAsync("s3", "presign", "s3://cli-presign/docs/shared.txt", "--expires-in", "300")).StandardOutput.Trim();
        // The CLI v1 presigns with signature version 2 or 4, as its configuration says: both reach S3.
        Assert.Contains("Signature=", url, StringComparison.Ordinal);
        var fetched = await Curl.RunAsync(Path.GetDirectoryName(file)!, url);
        Assert.True(fetched.Status == 200, fetched.ToString());
        Assert.Equal("shared by URL", fetched.Text);
    }

    [Fact]
    public async Task VirtualHostedAddressing_BucketInTheHost_SameObject()
    {
        await Aws.SucceedAsync("s3", "mb", "s3://cli-vhost");
        var file = Scratch("v.txt");
        await File.WriteAllTextAsync(file, "by host");
        await Aws.SucceedAsync("s3", "cp", file, "s3://cli-vhost/k/v.txt");
        var fetched = await Curl.RunAsync(Path.GetDirectoryName(file)!, "--resolve", $"cli-vhost.s3.localhost:{fixture.Server.Port}:127.0.0.1",
            $"http://cli-vhost.s3.localhost:{fixture.Server.Port}/k/v.txt");
        Assert.True(fetched.Status == 200, fetched.ToString());
        Assert.Equal("by host", fetched.Text);
        var missing = await Curl.RunAsync(Path.GetDirectoryName(file)!, "--resolve", $"cli-vhost.s3.localhost:{fixture.Server.Port}:127.0.0.1",
            $"http://cli-vhost.s3.localhost:{fixture.Server.Port}/k/none");
        Assert.Equal(404, missing.Status);
        Assert.Contains("<Code>NoSuchKey</Code>", missing.Text, StringComparison.Ordinal);
        Assert.Contains("<Key>k/none</Key>", missing.Text, StringComparison.Ordinal);
        Assert.Contains("<RequestId>", missing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cors_StoredAndHonoured_PreflightAndActualRequests()
    {
        await Aws.SucceedAsync("s3", "mb", "s3://cli-cors");
        var noCors = await Aws.RunAsync("s3api", "get-bucket-cors", "--bucket", "cli-cors");
        Assert.Contains("NoSuchCORSConfiguration", noCors.StandardError, StringComparison.Ordinal);
        await Aws.SucceedAsync("s3api", "put-bucket-cors", "--bucket", "cli-cors", "--cors-configuration",
            """{"CORSRules":[{"AllowedOrigins":["https://*.example.com"],"AllowedMethods":["GET","PUT"],"AllowedHeaders":["content-*"],"ExposeHeaders":["ETag"],"MaxAgeSeconds":600}]}""");
        var rules = (await Aws.SucceedAsync("s3api", "get-bucket-cors", "--bucket", "cli-cors")).Json.GetProperty("CORSRules");
        Assert.Equal("https://*.example.com", rules[0].GetProperty("AllowedOrigins")[0].GetString());

        var file = Scratch("c.txt");
        await File.WriteAllTextAsync(file, "cors");
        await Aws.SucceedAsync("s3", "cp", file, "s3://cli-cors/c.txt");
        var directory = Path.GetDirectoryName(file)!;
        var resolve = $"cli-cors.s3.localhost:{fixture.Server.Port}:127.0.0.1";
        var url = $"http://cli-cors.s3.localhost:{fixture.Server.Port}/c.txt";
        var preflight = await Curl.RunAsync(directory, "--resolve", resolve, "-X", "OPTIONS", "-H", "Origin: https://app.example.com",
            "-H", "Access-Control-Request-Method: PUT", "-H", "Access-Control-Request-Headers: content-type", url);
        Assert.True(preflight.Status == 200, preflight.ToString());
        Assert.Equal("https://app.example.com", preflight.Header("Access-Control-Allow-Origin"));
        Assert.Equal("GET, PUT", preflight.Header("Access-Control-Allow-Methods"));
        Assert.Equal("600", preflight.Header("Access-Control-Max-Age"));

        var refused = await Curl.RunAsync(directory, "--resolve", resolve, "-X", "OPTIONS", "-H", "Origin: https://evil.test",
            "-H", "Access-Control-Request-Method: GET", url);
        Assert.Equal(403, refused.Status);
        Assert.Contains("<Code>AccessForbidden</Code>", refused.Text, StringComparison.Ordinal);

        var get = await Curl.RunAsync(directory, "--resolve", resolve, "-H", "Origin: https://app.example.com", url);
        Assert.Equal("cors", get.Text);
        Assert.Equal("https://app.example.com", get.Header("Access-Control-Allow-Origin"));
        Assert.Equal("ETag", get.Header("Access-Control-Expose-Headers"));

        await Aws.SucceedAsync("s3api", "delete-bucket-cors", "--bucket", "cli-cors");
        var off = await Curl.RunAsync(directory, "--resolve", resolve, "-X", "OPTIONS", "-H", "Origin: https://app.example.com",
            "-H", "Access-Control-Request-Method: GET", url);
        Assert.Equal(403, off.Status);
    }

    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
