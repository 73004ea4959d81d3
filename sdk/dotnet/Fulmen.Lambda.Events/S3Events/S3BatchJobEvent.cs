using System.Text.Json.Serialization;

namespace Fulmen.Lambda.S3Events;

/// <summary>An S3 Batch Operations invocation (schema 1.0 or 2.0): the tasks of a job to run the function on.</summary>
public class S3BatchJobEvent
{
    /// <summary>The invocation schema version, <c>1.0</c> or <c>2.0</c>.</summary>
    [JsonPropertyName("invocationSchemaVersion")]
    public string? InvocationSchemaVersion { get; set; }

    /// <summary>The invocation ID, to copy into the response.</summary>
    [JsonPropertyName("invocationId")]
    public string? InvocationId { get; set; }

    /// <summary>The batch job.</summary>
    [JsonPropertyName("job")]
    public S3BatchJob? Job { get; set; }

    /// <summary>The tasks (normally one).</summary>
    [JsonPropertyName("tasks")]
    public List<S3BatchJobTask>? Tasks { get; set; }

    /// <summary>The batch job an invocation belongs to.</summary>
    public class S3BatchJob
    {
        /// <summary>The job ID.</summary>
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        /// <summary>The job's user arguments (schema 2.0 only).</summary>
        [JsonPropertyName("userArguments")]
        public Dictionary<string, string>? UserArguments { get; set; }
    }

    /// <summary>One object to process.</summary>
    public class S3BatchJobTask
    {
        /// <summary>The task ID, to copy into the result.</summary>
        [JsonPropertyName("taskId")]
        public string? TaskId { get; set; }

        /// <summary>The object key, URL-encoded.</summary>
        [JsonPropertyName("s3Key")]
        public string? S3Key { get; set; }

        /// <summary>The object version, or null.</summary>
        [JsonPropertyName("s3VersionId")]
        public string? S3VersionId { get; set; }

        /// <summary>The bucket ARN (schema 1.0).</summary>
        [JsonPropertyName("s3BucketArn")]
        public string? S3BucketArn { get; set; }

        /// <summary>The bucket name (schema 2.0).</summary>
        [JsonPropertyName("s3Bucket")]
        public string? S3Bucket { get; set; }
    }
}
