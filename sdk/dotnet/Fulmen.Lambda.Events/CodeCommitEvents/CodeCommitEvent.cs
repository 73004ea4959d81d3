using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CodeCommitEvents;

/// <summary>A CodeCommit trigger's event: the references a push changed in a repository.</summary>
public class CodeCommitEvent
{
    /// <summary>The records (one per event part).</summary>
    [JsonPropertyName("Records")]
    public List<CodeCommitRecord>? Records { get; set; }

    /// <summary>One CodeCommit trigger record.</summary>
    public class CodeCommitRecord
    {
        /// <summary>The repository's region.</summary>
        [JsonPropertyName("awsRegion")]
        public string? AwsRegion { get; set; }

        /// <summary>The changed references.</summary>
        [JsonPropertyName("codecommit")]
        public CodeCommitEntity? CodeCommit { get; set; }

        /// <summary>The trigger's custom data.</summary>
        [JsonPropertyName("customData")]
        public string? CustomData { get; set; }

        /// <summary>The event ID.</summary>
        [JsonPropertyName("eventId")]
        public string? EventId { get; set; }

        /// <summary>The event name, e.g. <c>ReferenceChanges</c>.</summary>
        [JsonPropertyName("eventName")]
        public string? EventName { get; set; }

        /// <summary>This record's part number, when an event is split into parts.</summary>
        [JsonPropertyName("eventPartNumber")]
        public int EventPartNumber { get; set; }

        /// <summary>Always <c>aws:codecommit</c>.</summary>
        [JsonPropertyName("eventSource")]
        public string? EventSource { get; set; }

        /// <summary>The repository ARN.</summary>
        [JsonPropertyName("eventSourceARN")]
        public string? EventSourceArn { get; set; }

        /// <summary>When the push happened (written like <c>2024-05-24T14:10:05.512+0000</c>).</summary>
        [JsonPropertyName("eventTime")]
        [JsonConverter(typeof(CodeCommitTimeConverter))]
        public DateTime EventTime { get; set; }

        /// <summary>How many parts the event has.</summary>
        [JsonPropertyName("eventTotalParts")]
        public int EventTotalParts { get; set; }

        /// <summary>The ID of the trigger configuration.</summary>
        [JsonPropertyName("eventTriggerConfigId")]
        public string? EventTriggerConfigId { get; set; }

        /// <summary>The trigger name.</summary>
        [JsonPropertyName("eventTriggerName")]
        public string? EventTriggerName { get; set; }

        /// <summary>The record format version, <c>1.0</c>.</summary>
        [JsonPropertyName("eventVersion")]
        public string? EventVersion { get; set; }

        /// <summary>The ARN of the IAM identity that pushed.</summary>
        [JsonPropertyName("userIdentityARN")]
        public string? UserIdentityArn { get; set; }
    }

    /// <summary>The <c>codecommit</c> element of a record.</summary>
    public class CodeCommitEntity
    {
        /// <summary>The changed references.</summary>
        [JsonPropertyName("references")]
        public List<CodeCommitReference>? References { get; set; }
    }

    /// <summary>A changed branch or tag.</summary>
    public class CodeCommitReference
    {
        /// <summary>The commit the reference now points to.</summary>
        [JsonPropertyName("commit")]
        public string? Commit { get; set; }

        /// <summary>The full reference name, e.g. <c>refs/heads/main</c>.</summary>
        [JsonPropertyName("ref")]
        public string? Ref { get; set; }

        /// <summary>True when the push created the reference.</summary>
        [JsonPropertyName("created")]
        public bool? Created { get; set; }

        /// <summary>True when the push deleted the reference.</summary>
        [JsonPropertyName("deleted")]
        public bool? Deleted { get; set; }
    }
}
