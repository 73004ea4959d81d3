using System.Text.Json.Serialization;

namespace Fulmen.Lambda.S3Events;

/// <summary>An Amazon S3 event notification: the records S3 sends for object changes in a bucket.</summary>
public class S3Event
{
    /// <summary>The notification records.</summary>
    [JsonPropertyName("Records")]
    public List<S3EventNotificationRecord>? Records { get; set; }

    /// <summary>An AWS principal: who made the request, or who owns the bucket.</summary>
    public class UserIdentityEntity
    {
        /// <summary>The principal's ID.</summary>
        [JsonPropertyName("principalId")]
        public string? PrincipalId { get; set; }
    }

    /// <summary>The bucket the event happened in.</summary>
    public class S3BucketEntity
    {
        /// <summary>The bucket name.</summary>
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        /// <summary>The bucket owner.</summary>
        [JsonPropertyName("ownerIdentity")]
        public UserIdentityEntity? OwnerIdentity { get; set; }

        /// <summary>The bucket ARN.</summary>
        [JsonPropertyName("arn")]
        public string? Arn { get; set; }
    }

    /// <summary>The object the event is about.</summary>
    public class S3ObjectEntity
    {
        /// <summary>The object key, URL-encoded (a space arrives as <c>+</c>).</summary>
        [JsonPropertyName("key")]
        public string? Key { get; set; }

        /// <summary>The object size in bytes (absent for deletes).</summary>
        [JsonPropertyName("size")]
        public long? Size { get; set; }

        /// <summary>The object's ETag (absent for deletes).</summary>
        [JsonPropertyName("eTag")]
        public string? ETag { get; set; }

        /// <summary>The object version, in versioned buckets.</summary>
        [JsonPropertyName("versionId")]
        public string? VersionId { get; set; }

        /// <summary>A hexadecimal string that orders events for the same key (PUTs and DELETEs only).</summary>
        [JsonPropertyName("sequencer")]
        public string? Sequencer { get; set; }
    }

    /// <summary>The S3 part of a record: configuration, bucket and object.</summary>
    public class S3Entity
    {
        /// <summary>The ID of the bucket notification configuration that matched.</summary>
        [JsonPropertyName("configurationId")]
        public string? ConfigurationId { get; set; }

        /// <summary>The bucket.</summary>
        [JsonPropertyName("bucket")]
        public S3BucketEntity? Bucket { get; set; }

        /// <summary>The object.</summary>
        [JsonPropertyName("object")]
        public S3ObjectEntity? Object { get; set; }

        /// <summary>The version of the <c>s3</c> element's schema.</summary>
        [JsonPropertyName("s3SchemaVersion")]
        public string? S3SchemaVersion { get; set; }
    }

    /// <summary>Parameters of the request that caused the event.</summary>
    public class RequestParametersEntity
    {
        /// <summary>The IP address the request came from.</summary>
        [JsonPropertyName("sourceIPAddress")]
        public string? SourceIPAddress { get; set; }
    }

    /// <summary>S3's request identifiers for the request that caused the event.</summary>
    public class ResponseElementsEntity
    {
        /// <summary>The ID of the S3 host that processed the request.</summary>
        [JsonPropertyName("x-amz-id-2")]
        public string? XAmzId2 { get; set; }

        /// <summary>The S3 request ID.</summary>
        [JsonPropertyName("x-amz-request-id")]
        public string? XAmzRequestId { get; set; }
    }

    /// <summary>Glacier data of a restore event.</summary>
    public class S3GlacierEventDataEntity
    {
        /// <summary>The restore details.</summary>
        [JsonPropertyName("restoreEventData")]
        public S3RestoreEventDataEntity? RestoreEventData { get; set; }
    }

    /// <summary>The details of an object restore.</summary>
    public class S3RestoreEventDataEntity
    {
        /// <summary>When the restored copy expires.</summary>
        [JsonPropertyName("lifecycleRestorationExpiryTime")]
        public DateTime LifecycleRestorationExpiryTime { get; set; }

        /// <summary>The storage class the object was restored from.</summary>
        [JsonPropertyName("lifecycleRestoreStorageClass")]
        public string? LifecycleRestoreStorageClass { get; set; }
    }

    /// <summary>One event notification.</summary>
    public class S3EventNotificationRecord
    {
        /// <summary>The region of the bucket.</summary>
        [JsonPropertyName("awsRegion")]
        public string? AwsRegion { get; set; }

        /// <summary>The event type, e.g. <c>ObjectCreated:Put</c>.</summary>
        [JsonPropertyName("eventName")]
        public string? EventName { get; set; }

        /// <summary>Always <c>aws:s3</c>.</summary>
        [JsonPropertyName("eventSource")]
        public string? EventSource { get; set; }

        /// <summary>When S3 finished processing the request.</summary>
        [JsonPropertyName("eventTime")]
        public DateTime EventTime { get; set; }

        /// <summary>The record format version, e.g. <c>2.1</c>.</summary>
        [JsonPropertyName("eventVersion")]
        public string? EventVersion { get; set; }

        /// <summary>Parameters of the request.</summary>
        [JsonPropertyName("requestParameters")]
        public RequestParametersEntity? RequestParameters { get; set; }

        /// <summary>S3's request identifiers.</summary>
        [JsonPropertyName("responseElements")]
        public ResponseElementsEntity? ResponseElements { get; set; }

        /// <summary>Bucket and object.</summary>
        [JsonPropertyName("s3")]
        public S3Entity? S3 { get; set; }

        /// <summary>Who made the request.</summary>
        [JsonPropertyName("userIdentity")]
        public UserIdentityEntity? UserIdentity { get; set; }

        /// <summary>Restore details (restore events only).</summary>
        [JsonPropertyName("glacierEventData")]
        public S3GlacierEventDataEntity? GlacierEventData { get; set; }
    }
}
