using System.Security.Cryptography;
using System.Text;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>
/// Valid S3 requests (rest-xml, path-style) against <see cref="FuzzResources"/>'s bucket, its object and its upload in
/// progress, as the AWS CLI sends them. Random choices' last option is always the set's own bucket and object, so the
/// reads checked after a run (FuzzTests' CanonicalChoices) name the good set.
/// </summary>
internal static class S3Seeds
{
    public static bool For(string operation, Seed seed, FuzzResources r, Random random)
    {
        var bucket = random.Next(6) == 0 ? $"{r.Prefix}-b{random.Next(3)}" : r.Bucket;
        var key = random.Next(5) switch
        {
            0 => $"new/{random.Next(3)}.txt",
            1 => "ключ/ü 💥+%.txt",
            _ => r.ObjectKey,
        };
        void Query(string name, string value) => seed.Query.Add(new(name, value));
        void Header(string name, string value) => seed.Headers.Add(new(name, value));
        void Body(string text, bool md5 = false)
        {
            seed.Raw = Encoding.UTF8.GetBytes(text);
            if (md5)
            {
                Header("Content-MD5", Convert.ToBase64String(MD5.HashData(seed.Raw)));
            }
        }
        seed.Raw = [];
        switch (operation)
        {
            case "ListBuckets":
                if (random.Next(2) == 0)
                {
                    Query("prefix", r.Prefix);
                }
                break;
            case "CreateBucket":
                bucket = $"{r.Prefix}-b{random.Next(3)}";
                if (random.Next(2) == 0)
                {
                    Body($"<CreateBucketConfiguration xmlns=\"{Namespace}\"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>");
                }
                break;
            case "DeleteBucket":
                bucket = random.Next(2) == 0 ? $"{r.Prefix}-b{random.Next(3)}" : r.Bucket;
                break;
            case "HeadBucket" or "GetBucketLocation" or "GetBucketVersioning" or "GetBucketTagging" or "DeleteBucketTagging"
                or "GetBucketPolicy" or "DeleteBucketPolicy" or "GetBucketCors" or "DeleteBucketCors"
                or "GetBucketNotificationConfiguration":
                break;
            case "PutBucketTagging":
                Body(Tagging, md5: true);
                break;
            case "PutBucketPolicy":
                Body(Policy(bucket));
                break;
            case "PutBucketCors":
                Body(Cors, md5: true);
                break;
            case "PutBucketNotificationConfiguration":
                // EventBridge needs no destination check; an empty configuration removes it again.
                Body(random.Next(2) == 0 ? Notifications : $"<NotificationConfiguration xmlns=\"{Namespace}\"/>");
                break;
            case "ListObjects":
                ListQuery(seed, random, "marker");
                break;
            case "ListObjectsV2":
                ListQuery(seed, random, "start-after");
                if (random.Next(2) == 0)
                {
                    Query("fetch-owner", "true");
                }
                break;
            case "ListMultipartUploads":
                Query("max-uploads", "10");
                Query("prefix", "dir/");
                break;
            case "DeleteObjects":
                Body($"<Delete xmlns=\"{Namespace}\"><Object><Key>{key}</Key></Object><Object><Key>new/1.txt</Key></Object><Quiet>{(random.Next(2) == 0 ? "true" : "false")}</Quiet></Delete>", md5: true);
                break;
            case "PutObject":
                Body("""{"ok":true}""", md5: random.Next(2) == 0);
                Header("x-amz-meta-origin", "fuzz");
                Header("x-amz-tagging", "k=v&a=b");
                if (random.Next(3) == 0)
                {
                    Header("x-amz-sdk-checksum-algorithm", "CRC32");
                }
                break;
            case "CopyObject":
                Header("x-amz-copy-source", $"/{r.Bucket}/{r.ObjectKey}");
                Header("x-amz-metadata-directive", random.Next(2) == 0 ? "REPLACE" : "COPY");
                key = random.Next(2) == 0 ? "copy/of.json" : key;
                break;
            case "GetObject":
                if (random.Next(3) == 0)
                {
                    Header("Range", "bytes=0-3");
                }
                if (random.Next(3) == 0)
                {
                    Header("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT");
                }
                if (random.Next(3) == 0)
                {
                    Query("response-content-type", "text/plain");
                }
                break;
            case "HeadObject" or "DeleteObject" or "GetObjectTagging" or "DeleteObjectTagging":
                break;
            case "PutObjectTagging":
                Body(Tagging, md5: true);
                break;
            case "CreateMultipartUpload":
                Header("x-amz-meta-origin", "fuzz");
                if (random.Next(2) == 0)
                {
                    Header("x-amz-checksum-algorithm", "CRC32");
                }
                break;
            case "UploadPart" or "UploadPartCopy":
                Query("partNumber", $"{1 + random.Next(2)}");
                Query("uploadId", r.UploadId ?? "missing");
                if (operation == "UploadPartCopy")
                {
                    Header("x-amz-copy-source", $"/{r.Bucket}/{r.ObjectKey}");
                    Header("x-amz-copy-source-range", "bytes=0-3");
                }
                else
                {
                    Body("part-bytes", md5: true);
                }
                break;
            case "CompleteMultipartUpload":
                Query("uploadId", r.UploadId ?? "missing");
                Body($"<CompleteMultipartUpload xmlns=\"{Namespace}\"><Part><PartNumber>1</PartNumber><ETag>\"{Convert.ToHexStringLower(MD5.HashData("part-bytes"u8))}\"</ETag></Part></CompleteMultipartUpload>");
                break;
            case "AbortMultipartUpload":
                Query("uploadId", r.UploadId ?? "missing");
                break;
            case "ListParts":
                Query("uploadId", r.UploadId ?? "missing");
                Query("max-parts", "100");
                break;
            default:
                return false;
        }
        seed.PathParameters["Bucket"] = bucket;
        if (seed.PathParameters.ContainsKey("Key+"))
        {
            seed.PathParameters["Key+"] = key;
        }
        return true;
    }

    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static readonly string Notifications = $"<NotificationConfiguration xmlns=\"{Namespace}\"><EventBridgeConfiguration/></NotificationConfiguration>";

    public static readonly string Tagging = $"<Tagging xmlns=\"{Namespace}\"><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>";

    public static readonly string Cors = $"<CORSConfiguration xmlns=\"{Namespace}\"><CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin>"
        + "<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>"
        + "<MaxAgeSeconds>300</MaxAgeSeconds></CORSRule></CORSConfiguration>";

    public static string Policy(string bucket) =>
        $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""";

    private static void ListQuery(Seed seed, Random random, string marker)
    {
        seed.Query.Add(new("prefix", "dir/"));
        seed.Query.Add(new("max-keys", "100"));
        if (random.Next(2) == 0)
        {
            seed.Query.Add(new("delimiter", "/"));
        }
        if (random.Next(2) == 0)
        {
            seed.Query.Add(new("encoding-type", "url"));
        }
        if (random.Next(3) == 0)
        {
            seed.Query.Add(new(marker, "dir/a"));
        }
    }
}
