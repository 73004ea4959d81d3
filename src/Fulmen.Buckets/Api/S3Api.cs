using Fulmen.Buckets.Content;
using Fulmen.Buckets.Model;
using Fulmen.Protocols;
using Fulmen.Protocols.Arns;
using Fulmen.Protocols.Edge;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Buckets.Api;

/// <summary>
/// The S3-compatible API on the edge port (docs/s3.md). S3 names its operations by method, by whether the request
/// names a bucket and a key, and by sub-resource query parameters (<c>?uploads</c>, <c>?tagging</c>, <c>?list-type=2</c>),
/// so the service dispatches itself rather than through routes; each operation is named on the request's EdgeTarget.
/// </summary>
public sealed partial class S3Api(BucketCatalog buckets, ObjectIndex objects, UploadStore uploads, ObjectFiles files, BucketOptions options, AwsAccount account,
    TimeProvider time) : IAwsServiceHandler
{
    public static readonly AwsService Descriptor = new("s3", "s3", AwsProtocol.RestXml)
    {
        XmlNamespace = S3Xml.Namespace,
        // Virtual-hosted addressing: {bucket}.s3.localhost, {bucket}.s3.us-east-1.amazonaws.com, …; path style goes by scope.
        Hosts = [new AwsHostPattern(".s3.")],
        UnavailableErrorCode = "ServiceUnavailable",
        InternalErrorCode = "InternalError",
        BadRequestErrorCode = "InvalidRequest",
        // Virtual-hosted requests are API calls, signed like path-style ones; browsers' CORS preflights are never signed.
        SignedHosts = true,
        Unsigned = CorsRules.IsPreflight,
        // The AWS CLI v1's `aws s3 presign` signs with version 2: no credential scope to resolve by.
        ResolvedBySignatureV2 = true,
        HandledOperations = S3Operations.All,
    };

    public AwsService Service => Descriptor;

    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var request = S3Request.Parse(context);
        var requestId = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 8));
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        context.Response.Headers["x-amz-request-id"] = requestId;
        context.Response.Headers["x-amz-id-2"] = requestId;
        if (CorsRules.IsPreflight(context.Request) && request.Bucket is not null)
        {
            context.Features.Set(new EdgeTarget(Descriptor, "PreflightRequest"));
            await CorsRules.PreflightAsync(request, await buckets.GetAsync(request.Bucket, context.RequestAborted));
            return true;
        }
        var (operation, run) = Route(request);
        context.Features.Set(new EdgeTarget(Descriptor, operation));
        if (request.Bucket is not null && request.Header("Origin") is not null)
        {
            CorsRules.Apply(request, await buckets.GetAsync(request.Bucket, context.RequestAborted));
        }
        await run(request);
        return true;
    }

    private (string Operation, Func<S3Request, Task> Run) Route(S3Request r)
    {
        var method = r.Request.Method.ToUpperInvariant();
        if (r.Bucket is null)
        {
            return method == "GET" ? ("ListBuckets", ListBucketsAsync) : ("Unknown", Unsupported("service"));
        }
        if (r.Key is null)
        {
            return method switch
            {
                "PUT" when r.Has("tagging") => ("PutBucketTagging", PutBucketTaggingAsync),
                "PUT" when r.Has("policy") => ("PutBucketPolicy", PutBucketPolicyAsync),
                "PUT" when r.Has("cors") => ("PutBucketCors", PutBucketCorsAsync),
                "PUT" when r.Has("notification") => ("PutBucketNotificationConfiguration", PutBucketNotificationAsync),
                "PUT" when !HasSubresource(r) => ("CreateBucket", CreateBucketAsync),
                "GET" when r.Has("location") => ("GetBucketLocation", GetBucketLocationAsync),
                "GET" when r.Has("tagging") => ("GetBucketTagging", GetBucketTaggingAsync),
                "GET" when r.Has("policy") => ("GetBucketPolicy", GetBucketPolicyAsync),
                "GET" when r.Has("cors") => ("GetBucketCors", GetBucketCorsAsync),
                "GET" when r.Has("notification") => ("GetBucketNotificationConfiguration", GetBucketNotificationAsync),
                "GET" when r.Has("uploads") => ("ListMultipartUploads", ListMultipartUploadsAsync),
                "GET" when r.Has("versioning") => ("GetBucketVersioning", GetBucketVersioningAsync),
                "GET" when r.QueryValue("list-type") == "2" => ("ListObjectsV2", ListObjectsV2Async),
                "GET" when !HasSubresource(r) => ("ListObjects", ListObjectsAsync),
                "HEAD" => ("HeadBucket", HeadBucketAsync),
                "DELETE" when r.Has("tagging") => ("DeleteBucketTagging", DeleteBucketTaggingAsync),
                "DELETE" when r.Has("policy") => ("DeleteBucketPolicy", DeleteBucketPolicyAsync),
                "DELETE" when r.Has("cors") => ("DeleteBucketCors", DeleteBucketCorsAsync),
                "DELETE" when !HasSubresource(r) => ("DeleteBucket", DeleteBucketAsync),
                "POST" when r.Has("delete") => ("DeleteObjects", DeleteObjectsAsync),
                _ => ("Unknown", Unsupported("bucket")),
            };
        }
        return method switch
        {
            "PUT" when r.Has("partNumber") && r.Has("uploadId") && r.Header("x-amz-copy-source") is not null => ("UploadPartCopy", UploadPartCopyAsync),
            "PUT" when r.Has("partNumber") && r.Has("uploadId") => ("UploadPart", UploadPartAsync),
            "PUT" when r.Has("tagging") => ("PutObjectTagging", PutObjectTaggingAsync),
            "PUT" when r.Header("x-amz-copy-source") is not null && !HasSubresource(r) => ("CopyObject", CopyObjectAsync),
            "PUT" when !HasSubresource(r) => ("PutObject", PutObjectAsync),
            "GET" when r.Has("uploadId") => ("ListParts", ListPartsAsync),
            "GET" when r.Has("tagging") => ("GetObjectTagging", GetObjectTaggingAsync),
            "GET" when !HasSubresource(r) => ("GetObject", GetObjectAsync),
            "HEAD" => ("HeadObject", HeadObjectAsync),
            "DELETE" when r.Has("uploadId") => ("AbortMultipartUpload", AbortMultipartUploadAsync),
            "DELETE" when r.Has("tagging") => ("DeleteObjectTagging", DeleteObjectTaggingAsync),
            "DELETE" when !HasSubresource(r) => ("DeleteObject", DeleteObjectAsync),
            "POST" when r.Has("uploads") => ("CreateMultipartUpload", CreateMultipartUploadAsync),
            "POST" when r.Has("uploadId") => ("CompleteMultipartUpload", CompleteMultipartUploadAsync),
            _ => ("Unknown", Unsupported("object")),
        };
    }

    /// <summary>Sub-resources this server does not serve (ACLs, versioning, lifecycle, …): S3's 501, never a wrong answer.</summary>
    private static readonly string[] OtherSubresources = ["acl", "versions", "versioning", "lifecycle", "logging", "notification", "replication",
        "website", "encryption", "object-lock", "retention", "legal-hold", "restore", "select", "torrent", "accelerate", "analytics",
        "inventory", "metrics", "ownershipControls", "publicAccessBlock", "requestPayment", "intelligent-tiering", "attributes", "policyStatus",
        "tagging", "policy", "cors", "uploads", "uploadId", "location", "delete", "partNumber", "versionId"];

    private static bool HasSubresource(S3Request r) => OtherSubresources.Any(r.Has);

    /// <remarks>The service itself answers only GET (ListBuckets): any other method there is S3's 405, not a 501.</remarks>
    private static Func<S3Request, Task> Unsupported(string resource) => r =>
        resource != "service" && r.Request.Method.ToUpperInvariant() is "GET" or "PUT" or "DELETE" or "POST" or "HEAD"
            ? throw S3Errors.NotImplemented(string.Join(",", r.Query.Keys))
            : throw S3Errors.MethodNotAllowed(r.Request.Method, resource.ToUpperInvariant());

    private async Task<BucketRecord> BucketAsync(S3Request r) =>
        await buckets.GetAsync(r.Bucket!, r.Aborted) ?? throw S3Errors.NoSuchBucket(r.Bucket!);

    private async Task<ObjectRecord> ObjectAsync(BucketRecord bucket, S3Request r) =>
        await objects.GetAsync(bucket, r.Key!, r.Aborted) ?? throw S3Errors.NoSuchKey(r.Key!);

    private static Task EmptyAsync(S3Request r, int status = StatusCodes.Status200OK)
    {
        r.Response.StatusCode = status;
        if (status != StatusCodes.Status204NoContent)
        {
            r.Response.ContentLength = 0;
        }
        return Task.CompletedTask;
    }

}
