using System.Text.Json.Serialization;

namespace Fulmen.Lambda.SimpleEmailEvents.Actions;

/// <summary>A receipt rule's S3 action: where SES stored the message.</summary>
public class S3ReceiptAction : IReceiptAction
{
    /// <summary>The action type, <c>S3</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The SNS topic notified after the message was stored.</summary>
    [JsonPropertyName("topicArn")]
    public string? TopicArn { get; set; }

    /// <summary>The bucket the message was stored in.</summary>
    [JsonPropertyName("bucketName")]
    public string? BucketName { get; set; }

    /// <summary>The key prefix the action was configured with.</summary>
    [JsonPropertyName("objectKeyPrefix")]
    public string? ObjectKeyPrefix { get; set; }

    /// <summary>The key of the stored message.</summary>
    [JsonPropertyName("objectKey")]
    public string? ObjectKey { get; set; }
}
