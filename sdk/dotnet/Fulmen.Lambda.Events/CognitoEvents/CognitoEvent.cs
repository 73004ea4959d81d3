using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CognitoEvents;

/// <summary>The legacy Amazon Cognito Sync trigger event (<c>SyncTrigger</c>): a dataset's changed records.</summary>
public class CognitoEvent
{
    [JsonPropertyName("datasetName")]
    public string? DatasetName { get; set; }

    [JsonPropertyName("datasetRecords")]
    public IDictionary<string, DatasetRecord>? DatasetRecords { get; set; }

    [JsonPropertyName("eventType")]
    public string? EventType { get; set; }

    [JsonPropertyName("identityId")]
    public string? IdentityId { get; set; }

    [JsonPropertyName("identityPoolId")]
    public string? IdentityPoolId { get; set; }

    [JsonPropertyName("region")]
    public string? Region { get; set; }

    [JsonPropertyName("version")]
    public int Version { get; set; }

    /// <summary>One changed record of the dataset.</summary>
    public class DatasetRecord
    {
        [JsonPropertyName("newValue")]
        public string? NewValue { get; set; }

        [JsonPropertyName("oldValue")]
        public string? OldValue { get; set; }

        /// <summary><c>replace</c> for a new or changed record, <c>remove</c> for a deleted one.</summary>
        [JsonPropertyName("op")]
        public string? Op { get; set; }
    }
}
