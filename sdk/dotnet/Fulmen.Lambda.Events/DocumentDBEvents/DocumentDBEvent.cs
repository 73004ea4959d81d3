using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.DocumentDBEvents;

/// <summary>A batch of Amazon DocumentDB change stream events, delivered by an event source mapping.</summary>
public class DocumentDBEvent
{
    /// <summary>The event source, <c>aws:docdb</c>.</summary>
    [JsonPropertyName("eventSource")]
    public string? EventSource { get; set; }

    /// <summary>The ARN of the DocumentDB cluster.</summary>
    [JsonPropertyName("eventSourceArn")]
    public string? EventSourceArn { get; set; }

    /// <summary>The change events in the batch.</summary>
    [JsonPropertyName("events")]
    public IList<DocumentDBEventRecord>? Events { get; set; }

    /// <summary>One entry of the batch, wrapping a change event.</summary>
    public class DocumentDBEventRecord
    {
        /// <summary>The change event.</summary>
        [JsonPropertyName("event")]
        public ChangeEvent? Event { get; set; }
    }

    /// <summary>A MongoDB-style change event; documents and keys are in MongoDB Extended JSON (<c>$oid</c>, <c>$date</c>, …).</summary>
    public class ChangeEvent
    {
        /// <summary>The resume token of the event.</summary>
        [JsonPropertyName("_id")]
        public ResumeToken? Id { get; set; }

        /// <summary>When the operation happened, as a BSON timestamp.</summary>
        [JsonPropertyName("clusterTime")]
        public ClusterTime? ClusterTime { get; set; }

        /// <summary>The <c>_id</c> of the changed document (absent for database and collection operations).</summary>
        [JsonPropertyName("documentKey")]
        public DocumentKey? DocumentKey { get; set; }

        /// <summary>The whole document: for inserts and replaces, and for updates with <c>FullDocument=UpdateLookup</c>.</summary>
        [JsonPropertyName("fullDocument")]
        public JsonElement? FullDocument { get; set; }

        /// <summary>The database and collection of the change.</summary>
        [JsonPropertyName("ns")]
        public Namespace? Ns { get; set; }

        /// <summary>The new database and collection of a <c>rename</c>.</summary>
        [JsonPropertyName("to")]
        public Namespace? To { get; set; }

        /// <summary>
        /// The operation: <c>insert</c>, <c>update</c>, <c>replace</c>, <c>delete</c>, <c>drop</c>, <c>rename</c>,
        /// <c>dropDatabase</c> or <c>invalidate</c>.
        /// </summary>
        [JsonPropertyName("operationType")]
        public string? OperationType { get; set; }

        /// <summary>The fields an <c>update</c> changed and removed.</summary>
        [JsonPropertyName("updateDescription")]
        public UpdateDescription? UpdateDescription { get; set; }
    }

    /// <summary>A change stream resume token.</summary>
    public class ResumeToken
    {
        /// <summary>The opaque token data.</summary>
        [JsonPropertyName("_data")]
        public string? Data { get; set; }
    }

    /// <summary>The cluster time of a change, in Extended JSON <c>{"$timestamp":{"t":…,"i":…}}</c> form.</summary>
    public class ClusterTime
    {
        /// <summary>The BSON timestamp.</summary>
        [JsonPropertyName("$timestamp")]
        public BsonTimestamp? Timestamp { get; set; }
    }

    /// <summary>A BSON timestamp: seconds since the Unix epoch and an ordinal within that second.</summary>
    public class BsonTimestamp
    {
        /// <summary>Seconds since the Unix epoch.</summary>
        [JsonPropertyName("t")]
        public long T { get; set; }

        /// <summary>The ordinal of the operation within the second.</summary>
        [JsonPropertyName("i")]
        public long I { get; set; }
    }

    /// <summary>The key of a changed document.</summary>
    public class DocumentKey
    {
        /// <summary>The document's <c>_id</c> in Extended JSON, e.g. <c>{"$oid":"…"}</c>.</summary>
        [JsonPropertyName("_id")]
        public JsonElement? Id { get; set; }
    }

    /// <summary>A database and collection name pair.</summary>
    public class Namespace
    {
        /// <summary>The database name.</summary>
        [JsonPropertyName("db")]
        public string? Db { get; set; }

        /// <summary>The collection name.</summary>
        [JsonPropertyName("coll")]
        public string? Coll { get; set; }
    }

    /// <summary>What an <c>update</c> changed.</summary>
    public class UpdateDescription
    {
        /// <summary>The changed fields with their new values, in Extended JSON.</summary>
        [JsonPropertyName("updatedFields")]
        public JsonElement? UpdatedFields { get; set; }

        /// <summary>The names of the removed fields.</summary>
        [JsonPropertyName("removedFields")]
        public List<string>? RemovedFields { get; set; }

        /// <summary>The arrays that were truncated, as <c>{field, newSize}</c> objects.</summary>
        [JsonPropertyName("truncatedArrays")]
        public List<JsonElement>? TruncatedArrays { get; set; }
    }
}
