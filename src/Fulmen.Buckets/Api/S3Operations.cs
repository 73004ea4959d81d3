using Fulmen.Protocols.Edge;

namespace Fulmen.Buckets.Api;

/// <summary>
/// The operations <see cref="S3Api"/> dispatches, with AWS's request URI templates, for <c>GET /_fulmen/operations</c>
/// (and so the fuzz suite). <see cref="S3Api"/>'s dispatch decides what a request is; an operation added there is
/// added here too (the fuzz suite's seeds test fails for one listed without a seed).
/// </summary>
internal static class S3Operations
{
    public static readonly HandledOperation[] All =
    [
        new("ListBuckets", "GET", "/"),
        new("CreateBucket", "PUT", "/{Bucket}"),
        new("HeadBucket", "HEAD", "/{Bucket}"),
        new("DeleteBucket", "DELETE", "/{Bucket}"),
        new("GetBucketLocation", "GET", "/{Bucket}?location"),
        new("GetBucketVersioning", "GET", "/{Bucket}?versioning"),
        new("PutBucketTagging", "PUT", "/{Bucket}?tagging"),
        new("GetBucketTagging", "GET", "/{Bucket}?tagging"),
        new("DeleteBucketTagging", "DELETE", "/{Bucket}?tagging"),
        new("PutBucketPolicy", "PUT", "/{Bucket}?policy"),
        new("GetBucketPolicy", "GET", "/{Bucket}?policy"),
        new("DeleteBucketPolicy", "DELETE", "/{Bucket}?policy"),
        new("PutBucketCors", "PUT", "/{Bucket}?cors"),
        new("GetBucketCors", "GET", "/{Bucket}?cors"),
        new("DeleteBucketCors", "DELETE", "/{Bucket}?cors"),
        new("PutBucketNotificationConfiguration", "PUT", "/{Bucket}?notification"),
        new("GetBucketNotificationConfiguration", "GET", "/{Bucket}?notification"),
        new("ListObjects", "GET", "/{Bucket}"),
        new("ListObjectsV2", "GET", "/{Bucket}?list-type=2"),
        new("ListMultipartUploads", "GET", "/{Bucket}?uploads"),
        new("DeleteObjects", "POST", "/{Bucket}?delete"),
        new("PutObject", "PUT", "/{Bucket}/{Key+}"),
        new("CopyObject", "PUT", "/{Bucket}/{Key+}"),
        new("GetObject", "GET", "/{Bucket}/{Key+}"),
        new("HeadObject", "HEAD", "/{Bucket}/{Key+}"),
        new("DeleteObject", "DELETE", "/{Bucket}/{Key+}"),
        new("PutObjectTagging", "PUT", "/{Bucket}/{Key+}?tagging"),
        new("GetObjectTagging", "GET", "/{Bucket}/{Key+}?tagging"),
        new("DeleteObjectTagging", "DELETE", "/{Bucket}/{Key+}?tagging"),
        new("CreateMultipartUpload", "POST", "/{Bucket}/{Key+}?uploads"),
        new("UploadPart", "PUT", "/{Bucket}/{Key+}"),
        new("UploadPartCopy", "PUT", "/{Bucket}/{Key+}"),
        new("CompleteMultipartUpload", "POST", "/{Bucket}/{Key+}"),
        new("AbortMultipartUpload", "DELETE", "/{Bucket}/{Key+}"),
        new("ListParts", "GET", "/{Bucket}/{Key+}"),
    ];
}
