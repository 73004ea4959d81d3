using System.Text.Json.Serialization;

namespace Fulmen.Lambda.S3Events;

/// <summary>The response an S3 Batch Operations invocation expects: one result per task.</summary>
public class S3BatchJobResponse
{
    /// <summary>The result code for a task that succeeded.</summary>
    public const string Succeeded = "Succeeded";

    /// <summary>The result code for a task S3 should retry.</summary>
    public const string TemporaryFailure = "TemporaryFailure";

    /// <summary>The result code for a task that failed for good.</summary>
    public const string PermanentFailure = "PermanentFailure";

    /// <summary>The invocation schema version of the request.</summary>
    [JsonPropertyName("invocationSchemaVersion")]
    public string? InvocationSchemaVersion { get; set; }

    /// <summary>The result code for tasks whose key does not exist (<c>Succeeded</c>, <c>TemporaryFailure</c> or <c>PermanentFailure</c>).</summary>
    [JsonPropertyName("treatMissingKeysAs")]
    public string? TreatMissingKeysAs { get; set; }

    /// <summary>The invocation ID of the request.</summary>
    [JsonPropertyName("invocationId")]
    public string? InvocationId { get; set; }

    /// <summary>The task results.</summary>
    [JsonPropertyName("results")]
    public List<S3BatchJobResult>? Results { get; set; }

    /// <summary>The outcome of one task.</summary>
    public class S3BatchJobResult
    {
        /// <summary>The task ID from the request.</summary>
        [JsonPropertyName("taskId")]
        public string? TaskId { get; set; }

        /// <summary><c>Succeeded</c>, <c>TemporaryFailure</c> or <c>PermanentFailure</c>.</summary>
        [JsonPropertyName("resultCode")]
        public string? ResultCode { get; set; }

        /// <summary>Text for the job's completion report.</summary>
        [JsonPropertyName("resultString")]
        public string? ResultString { get; set; }
    }
}
