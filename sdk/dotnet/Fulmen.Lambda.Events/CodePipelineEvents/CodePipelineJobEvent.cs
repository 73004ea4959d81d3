using System.Text.Json.Serialization;
using Fulmen.Lambda.Serialization;

namespace Fulmen.Lambda.CodePipelineEvents;

/// <summary>A CodePipeline Lambda invoke action's event: the job to run and report on with <c>PutJobSuccessResult</c>/<c>PutJobFailureResult</c>.</summary>
public class CodePipelineJobEvent
{
    /// <summary>The job (the <c>CodePipeline.job</c> member).</summary>
    [JsonPropertyName("CodePipeline.job")]
    public CodePipelineJob? Job { get; set; }

    /// <summary>A CodePipeline job.</summary>
    public class CodePipelineJob
    {
        /// <summary>The job ID, to pass to <c>PutJobSuccessResult</c> or <c>PutJobFailureResult</c>.</summary>
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        /// <summary>The pipeline's account ID.</summary>
        [JsonPropertyName("accountId")]
        public string? AccountId { get; set; }

        /// <summary>The action's configuration, artifacts and credentials.</summary>
        [JsonPropertyName("data")]
        public CodePipelineData? Data { get; set; }
    }

    /// <summary>The <c>data</c> of a job.</summary>
    public class CodePipelineData
    {
        /// <summary>The action's configuration.</summary>
        [JsonPropertyName("actionConfiguration")]
        public CodePipelineActionConfiguration? ActionConfiguration { get; set; }

        /// <summary>The artifacts the action reads.</summary>
        [JsonPropertyName("inputArtifacts")]
        public List<CodePipelineArtifact>? InputArtifacts { get; set; }

        /// <summary>The artifacts the action writes.</summary>
        [JsonPropertyName("outputArtifacts")]
        public List<CodePipelineArtifact>? OutputArtifacts { get; set; }

        /// <summary>Temporary credentials for the artifact bucket.</summary>
        [JsonPropertyName("artifactCredentials")]
        public CodePipelineArtifactCredentials? ArtifactCredentials { get; set; }

        /// <summary>The continuation token a previous run of the job returned.</summary>
        [JsonPropertyName("continuationToken")]
        public string? ContinuationToken { get; set; }

        /// <summary>The KMS key the artifacts are encrypted with.</summary>
        [JsonPropertyName("encryptionKey")]
        public CodePipelineEncryptionKey? EncryptionKey { get; set; }
    }

    /// <summary>The <c>actionConfiguration</c> of a job.</summary>
    public class CodePipelineActionConfiguration
    {
        /// <summary>The configuration values.</summary>
        [JsonPropertyName("configuration")]
        public CodePipelineConfiguration? Configuration { get; set; }
    }

    /// <summary>The configuration values of a Lambda invoke action.</summary>
    public class CodePipelineConfiguration
    {
        /// <summary>The invoked function's name.</summary>
        [JsonPropertyName("FunctionName")]
        public string? FunctionName { get; set; }

        /// <summary>The action's user parameters (text, often JSON).</summary>
        [JsonPropertyName("UserParameters")]
        public string? UserParameters { get; set; }
    }

    /// <summary>An input or output artifact.</summary>
    public class CodePipelineArtifact
    {
        /// <summary>The artifact name.</summary>
        [JsonPropertyName("name")]
        public string? Name { get; set; }

        /// <summary>The artifact's revision, or null.</summary>
        [JsonPropertyName("revision")]
        public string? Revision { get; set; }

        /// <summary>Where the artifact is stored.</summary>
        [JsonPropertyName("location")]
        public CodePipelineArtifactLocation? Location { get; set; }
    }

    /// <summary>Where an artifact is stored.</summary>
    public class CodePipelineArtifactLocation
    {
        /// <summary>The store type, <c>S3</c>.</summary>
        [JsonPropertyName("type")]
        public string? Type { get; set; }

        /// <summary>The S3 bucket and key.</summary>
        [JsonPropertyName("s3Location")]
        public CodePipelineS3Location? S3Location { get; set; }
    }

    /// <summary>An artifact's S3 bucket and key.</summary>
    public class CodePipelineS3Location
    {
        /// <summary>The bucket name.</summary>
        [JsonPropertyName("bucketName")]
        public string? BucketName { get; set; }

        /// <summary>The object key.</summary>
        [JsonPropertyName("objectKey")]
        public string? ObjectKey { get; set; }
    }

    /// <summary>Temporary AWS credentials for the artifact bucket.</summary>
    public class CodePipelineArtifactCredentials
    {
        /// <summary>The access key ID.</summary>
        [JsonPropertyName("accessKeyId")]
        public string? AccessKeyId { get; set; }

        /// <summary>The secret access key.</summary>
        [JsonPropertyName("secretAccessKey")]
        public string? SecretAccessKey { get; set; }

        /// <summary>The session token.</summary>
        [JsonPropertyName("sessionToken")]
        public string? SessionToken { get; set; }

        /// <summary>When the credentials expire (milliseconds since the epoch in the JSON).</summary>
        [JsonPropertyName("expirationTime")]
        [JsonConverter(typeof(EpochMillisecondsDateTimeConverter))]
        public DateTime? ExpirationTime { get; set; }
    }

    /// <summary>The key the artifacts are encrypted with.</summary>
    public class CodePipelineEncryptionKey
    {
        /// <summary>The key's ID or ARN.</summary>
        [JsonPropertyName("id")]
        public string? Id { get; set; }

        /// <summary>The key type, <c>KMS</c>.</summary>
        [JsonPropertyName("type")]
        public string? Type { get; set; }
    }
}
