using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fulmen.Protocols.Arns;

namespace Fulmen.Buckets.Notifications.Delivery;

/// <summary>
/// The event S3 sends for one change, exactly as AWS's (docs/s3.md, "Notifications"): the <c>Records</c> document for
/// functions, queues and topics, <c>s3:TestEvent</c> when a configuration is put, and the EventBridge detail.
/// </summary>
public sealed class S3EventJson(AwsAccount account)
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The bucket owner's id in events (S3 shows the owner's canonical short id; the server's one account here).</summary>
    public string OwnerId => $"A{account.AccountId}";

    public static string BucketArn(string bucket) => $"arn:aws:s3:::{bucket}";

    /// <summary>
    /// S3 names no request id in the stored change, so the event's <c>x-amz-request-id</c> is derived from the change's
    /// sequencer: stable across redeliveries of the same change, unique per change of a key.
    /// </summary>
    public static string RequestId(ObjectChange change) => change.Sequencer.ToUpperInvariant().PadLeft(16, '0')[..16];

    public string Record(string bucket, string key, ObjectChange change, string configurationId) => Write(json =>
    {
        json.WriteStartArray("Records");
        json.WriteStartObject();
        json.WriteString("eventVersion", "2.1");
        json.WriteString("eventSource", "aws:s3");
        json.WriteString("awsRegion", account.Region);
        json.WriteString("eventTime", change.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("eventName", change.EventName);
        json.WriteStartObject("userIdentity");
        json.WriteString("principalId", Principal(change.Requester));
        json.WriteEndObject();
        json.WriteStartObject("requestParameters");
        json.WriteString("sourceIPAddress", SourceIp(change.SourceIp));
        json.WriteEndObject();
        json.WriteStartObject("responseElements");
        json.WriteString("x-amz-request-id", RequestId(change));
        json.WriteString("x-amz-id-2", HostId(change));
        json.WriteEndObject();
        json.WriteStartObject("s3");
        json.WriteString("s3SchemaVersion", "1.0");
        json.WriteString("configurationId", configurationId);
        json.WriteStartObject("bucket");
        json.WriteString("name", bucket);
        json.WriteStartObject("ownerIdentity");
        json.WriteString("principalId", OwnerId);
        json.WriteEndObject();
        json.WriteString("arn", BucketArn(bucket));
        json.WriteEndObject();
        json.WriteStartObject("object");
        json.WriteString("key", EncodeKey(key));
        if (IsCreated(change))
        {
            // S3 leaves size and ETag out of removal events.
            json.WriteNumber("size", change.Size);
            json.WriteString("eTag", change.ETag);
        }
        json.WriteString("sequencer", change.Sequencer);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
    });

    /// <summary>What S3 sends to a queue or topic when a configuration naming it is put.</summary>
    public string TestEvent(string bucket, DateTimeOffset time, string requestId) => Write(json =>
    {
        json.WriteString("Service", "Amazon S3");
        json.WriteString("Event", "s3:TestEvent");
        json.WriteString("Time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("Bucket", bucket);
        json.WriteString("RequestId", requestId);
        json.WriteString("HostId", requestId);
    });

    /// <summary>The detail of EventBridge's <c>Object Created</c> / <c>Object Deleted</c> event.</summary>
    public static string EventBridgeDetail(string bucket, string key, ObjectChange change) => Write(json =>
    {
        json.WriteString("version", "0");
        json.WriteStartObject("bucket");
        json.WriteString("name", bucket);
        json.WriteEndObject();
        json.WriteStartObject("object");
        json.WriteString("key", key);
        if (IsCreated(change))
        {
            json.WriteNumber("size", change.Size);
            json.WriteString("etag", change.ETag);
        }
        json.WriteString("sequencer", change.Sequencer);
        json.WriteEndObject();
        json.WriteString("request-id", RequestId(change));
        json.WriteString("requester", change.Requester);
        json.WriteString("source-ip-address", SourceIp(change.SourceIp));
        json.WriteString("reason", Reason(change.EventName));
        if (!IsCreated(change))
        {
            json.WriteString("deletion-type", "Permanently Deleted");
        }
    });

    public static string DetailType(ObjectChange change) => IsCreated(change) ? "Object Created" : "Object Deleted";

    public static bool IsCreated(ObjectChange change) => change.EventName.StartsWith("ObjectCreated:", StringComparison.Ordinal);

    /// <summary>The operation behind a change, as EventBridge's <c>reason</c> names it.</summary>
    private static string Reason(string eventName) => eventName switch
    {
        "ObjectCreated:Copy" => "CopyObject",
        "ObjectCreated:CompleteMultipartUpload" => "CompleteMultipartUpload",
        "ObjectCreated:Post" => "PostObject",
        "ObjectRemoved:DeleteMarkerCreated" or "ObjectRemoved:Delete" => "DeleteObject",
        _ => "PutObject",
    };

    /// <summary>
    /// The key as S3 puts it in events: form-encoded (a space is <c>+</c>, every other byte outside letters, digits,
    /// <c>-_.*</c> and <c>/</c> is <c>%XX</c> of its UTF-8).
    /// </summary>
    public static string EncodeKey(string key)
    {
        var builder = new StringBuilder(key.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'*' or (byte)'/')
            {
                builder.Append((char)b);
            }
            else if (b == (byte)' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>The requester as S3 shows it: <c>AWS:{access key}</c>, or <c>anonymous</c>.</summary>
    private static string Principal(string requester) => requester == "anonymous" ? requester : $"AWS:{requester}";

    /// <summary>An IPv4 client reaching a dual-stack socket shows as <c>::ffff:a.b.c.d</c>; S3 reports the IPv4 address.</summary>
    private static string SourceIp(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString()
        : IPAddress.IsLoopback(ip ?? IPAddress.None) && ip!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "127.0.0.1"
        : address;

    private static string HostId(ObjectChange change) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(change.Sequencer + change.Time.Ticks)));

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
