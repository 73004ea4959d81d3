using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;
using Fulmen.Server.Tests.Topics;

namespace Fulmen.Server.Tests.Buckets.Notifications;

/// <summary>
/// What a bucket's changes send: a function gets S3's event exactly as AWS sends it (checked field by field and against
/// Powertools' <c>S3Schema</c>), keys with spaces and unicode form-encoded, only for the changes its rule's events and
/// filter select; a queue and a topic (through an sqs subscription) get the same document; the default event bus gets
/// <c>Object Created</c> / <c>Object Deleted</c>.
/// </summary>
[Trait("Backend", "Both")]
public sealed class S3NotificationDeliveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private S3NotificationClient S3 => new(fixture);

    private SnsClient Sns => new(fixture.Lambda.Aws);

    [Fact]
    public async Task Function_GetsTheS3Event_ForMatchingChangesOnly()
    {
        await S3.CreateBucketAsync("notify-fn");
        var recorder = await S3.RecordingFunctionAsync("notify-fn-recorder", allowBucket: "notify-fn");
        var put = await S3.PutConfigurationAsync("notify-fn", $$$$$"""
            {"LambdaFunctionConfigurations":[
              {"Id":"uploads","LambdaFunctionArn":"{{{{{S3NotificationClient.FunctionArn("notify-fn-recorder")}}}}}","Events":["s3:ObjectCreated:*"],
               "Filter":{"Key":{"FilterRules":[{"Name":"prefix","Value":"in/"}]}}},
              {"Id":"removals","LambdaFunctionArn":"{{{{{S3NotificationClient.FunctionArn("notify-fn-recorder")}}}}}","Events":["s3:ObjectRemoved:Delete"],
               "Filter":{"Key":{"FilterRules":[{"Name":"suffix","Value":".gone"}]}}}]}
            """);
        Assert.True(put.ExitCode == 0, S3NotificationClient.Show(put));

        await S3.PutObjectAsync("notify-fn", "out/ignored.txt", "not selected by the prefix");
        const string key = "in/May report (1) naïve ü€.txt";
        await S3.PutObjectAsync("notify-fn", key, "hello notifications");
        await S3.Aws.SucceedAsync("s3api", "delete-object", "--bucket", "notify-fn", "--key", key);   // no rule for this removal
        await S3.PutObjectAsync("notify-fn", "x.gone", "bye");
        await S3.Aws.SucceedAsync("s3api", "delete-object", "--bucket", "notify-fn", "--key", "x.gone");

        var records = (await recorder.RecordsAsync(2, TimeSpan.FromSeconds(60))).Select(r => Assert.Single(r.GetProperty("Records").EnumerateArray())).ToList();
        var created = Assert.Single(records, r => r.GetProperty("s3").GetProperty("configurationId").GetString() == "uploads");
        Assert.Equal("2.1", created.GetProperty("eventVersion").GetString());
        Assert.Equal("aws:s3", created.GetProperty("eventSource").GetString());
        Assert.Equal("us-east-1", created.GetProperty("awsRegion").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", created.GetProperty("eventTime").GetString()!);
        Assert.Equal("ObjectCreated:Put", created.GetProperty("eventName").GetString());
        Assert.Equal("AWS:test", created.GetProperty("userIdentity").GetProperty("principalId").GetString());
        Assert.Equal("127.0.0.1", created.GetProperty("requestParameters").GetProperty("sourceIPAddress").GetString());
        Assert.Matches("^[0-9A-F]{16}$", created.GetProperty("responseElements").GetProperty("x-amz-request-id").GetString()!);
        Assert.NotEmpty(created.GetProperty("responseElements").GetProperty("x-amz-id-2").GetString()!);
        var s3 = created.GetProperty("s3");
        Assert.Equal("1.0", s3.GetProperty("s3SchemaVersion").GetString());
        Assert.Equal("notify-fn", s3.GetProperty("bucket").GetProperty("name").GetString());
        Assert.Equal("arn:aws:s3:::notify-fn", s3.GetProperty("bucket").GetProperty("arn").GetString());
        Assert.NotEmpty(s3.GetProperty("bucket").GetProperty("ownerIdentity").GetProperty("principalId").GetString()!);
        var item = s3.GetProperty("object");
        Assert.Equal("in/May+report+%281%29+na%C3%AFve+%C3%BC%E2%82%AC.txt", item.GetProperty("key").GetString());
        Assert.Equal(key, Uri.UnescapeDataString(item.GetProperty("key").GetString()!.Replace('+', ' ')));
        Assert.Equal(19, item.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("hello notifications"u8)), item.GetProperty("eTag").GetString());
        Assert.Matches("^[0-9A-F]{16}$", item.GetProperty("sequencer").GetString()!);
        Assert.False(item.TryGetProperty("versionId", out _));

        var removed = Assert.Single(records, r => r.GetProperty("eventName").GetString() == "ObjectRemoved:Delete");
        Assert.Equal("removals", removed.GetProperty("s3").GetProperty("configurationId").GetString());
        Assert.Equal("x.gone", removed.GetProperty("s3").GetProperty("object").GetProperty("key").GetString());
        Assert.False(removed.GetProperty("s3").GetProperty("object").TryGetProperty("size", out _));
        Assert.Equal(2, records.Count);
        await RecordedEvents.ValidateAsync("S3Schema", recorder.Files("record-"));
    }

    [Fact]
    public async Task CopyAndMultipart_NamedAsS3NamesThem()
    {
        await S3.CreateBucketAsync("notify-kinds");
        var recorder = await S3.RecordingFunctionAsync("notify-kinds-recorder", allowBucket: "notify-kinds");
        Assert.Equal(0, (await S3.PutConfigurationAsync("notify-kinds", $$$$$"""
            {"LambdaFunctionConfigurations":[{"Id":"all","LambdaFunctionArn":"{{{{{S3NotificationClient.FunctionArn("notify-kinds-recorder")}}}}}","Events":["s3:ObjectCreated:*"]}]}
            """)).ExitCode);

        await S3.PutObjectAsync("notify-kinds", "source.txt", "copied");
        await S3.Aws.SucceedAsync("s3api", "copy-object", "--bucket", "notify-kinds", "--key", "copy.txt", "--copy-source", "notify-kinds/source.txt");
        var upload = (await S3.Aws.SucceedAsync("s3api", "create-multipart-upload", "--bucket", "notify-kinds", "--key", "big.bin")).Json.GetProperty("UploadId").GetString()!;
        var part = Path.Combine(fixture.Server.DataDirectory, "notify-part.bin");
        await File.WriteAllTextAsync(part, "one part");
        var etag = (await S3.Aws.SucceedAsync("s3api", "upload-part", "--bucket", "notify-kinds", "--key", "big.bin", "--upload-id", upload, "--part-number", "1", "--body", part))
            .Json.GetProperty("ETag").GetString()!;
        await S3.Aws.SucceedAsync("s3api", "complete-multipart-upload", "--bucket", "notify-kinds", "--key", "big.bin", "--upload-id", upload,
            "--multipart-upload", JsonSerializer.Serialize(new { Parts = new[] { new { ETag = etag, PartNumber = 1 } } }));

        var names = (await recorder.RecordsAsync(3, TimeSpan.FromSeconds(60)))
            .Select(r => r.GetProperty("Records")[0]).ToDictionary(r => r.GetProperty("s3").GetProperty("object").GetProperty("key").GetString()!, r => r.GetProperty("eventName").GetString());
        Assert.Equal("ObjectCreated:Put", names["source.txt"]);
        Assert.Equal("ObjectCreated:Copy", names["copy.txt"]);
        Assert.Equal("ObjectCreated:CompleteMultipartUpload", names["big.bin"]);
        await RecordedEvents.ValidateAsync("S3Schema", recorder.Files("record-"));
    }

    [Fact]
    public async Task QueueAndTopic_GetTheSameDocument()
    {
        await S3.CreateBucketAsync("notify-q");
        var queue = await Sns.CreateQueueAsync("notify-q-direct");
        var topic = await Sns.CreateTopicAsync("notify-q-topic");
        var subscribed = await Sns.CreateQueueAsync("notify-q-subscribed");
        await Sns.SubscribeAsync(topic, "sqs", SnsClient.QueueArn("notify-q-subscribed"));
        var put = await S3.PutConfigurationAsync("notify-q", $$$$$"""
            {"QueueConfigurations":[{"Id":"to-queue","QueueArn":"{{{{{SnsClient.QueueArn("notify-q-direct")}}}}}","Events":["s3:ObjectCreated:Put"]}],
             "TopicConfigurations":[{"Id":"to-topic","TopicArn":"{{{{{topic}}}}}","Events":["s3:ObjectRemoved:*"]}]}
            """);
        Assert.True(put.ExitCode == 0, S3NotificationClient.Show(put));
        // The test events S3 sends when the configuration is put.
        Assert.Equal("s3:TestEvent", SnsClient.Body(Assert.Single(await Sns.ReceiveAsync(queue, 1))).GetProperty("Event").GetString());
        var testNotification = SnsClient.Body(Assert.Single(await Sns.ReceiveAsync(subscribed, 1)));
        Assert.Equal("Amazon S3 Notification", testNotification.GetProperty("Subject").GetString());

        await S3.PutObjectAsync("notify-q", "docs/a b.txt", "queued");
        await S3.Aws.SucceedAsync("s3api", "delete-object", "--bucket", "notify-q", "--key", "docs/a b.txt");

        var direct = SnsClient.Body(Assert.Single(await Sns.ReceiveAsync(queue, 1))).GetProperty("Records")[0];
        Assert.Equal("ObjectCreated:Put", direct.GetProperty("eventName").GetString());
        Assert.Equal("to-queue", direct.GetProperty("s3").GetProperty("configurationId").GetString());
        Assert.Equal("docs/a+b.txt", direct.GetProperty("s3").GetProperty("object").GetProperty("key").GetString());

        var envelope = SnsClient.Body(Assert.Single(await Sns.ReceiveAsync(subscribed, 1)));
        Assert.Equal("Amazon S3 Notification", envelope.GetProperty("Subject").GetString());
        Assert.Equal(topic, envelope.GetProperty("TopicArn").GetString());
        var viaTopic = JsonDocument.Parse(envelope.GetProperty("Message").GetString()!).RootElement.GetProperty("Records")[0];
        Assert.Equal("ObjectRemoved:Delete", viaTopic.GetProperty("eventName").GetString());
        Assert.Equal("to-topic", viaTopic.GetProperty("s3").GetProperty("configurationId").GetString());

        var file = Path.Combine(fixture.Server.DataDirectory, $"s3-from-queue-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { Records = new[] { direct, viaTopic } }));
        await RecordedEvents.ValidateAsync("S3Schema", [file]);
    }

    [Fact]
    public async Task EventBridge_DefaultBusGetsObjectCreatedAndObjectDeleted()
    {
        await S3.CreateBucketAsync("notify-eb");
        var queue = await Sns.CreateQueueAsync("notify-eb-q");
        await S3.Aws.SucceedAsync("events", "put-rule", "--name", "s3-notify-eb", "--event-pattern",
            """{"source":["aws.s3"],"detail":{"bucket":{"name":["notify-eb"]}}}""");
        await S3.Aws.SucceedAsync("events", "put-targets", "--rule", "s3-notify-eb", "--targets",
            $$"""[{"Id":"q","Arn":"{{SnsClient.QueueArn("notify-eb-q")}}"}]""");
        Assert.Equal(0, (await S3.PutConfigurationAsync("notify-eb", """{"EventBridgeConfiguration":{}}""")).ExitCode);

        await S3.PutObjectAsync("notify-eb", "report.csv", "a,b");
        await S3.Aws.SucceedAsync("s3api", "delete-object", "--bucket", "notify-eb", "--key", "report.csv");

        var events = (await Sns.ReceiveAsync(queue, 2)).Select(SnsClient.Body).ToList();
        var created = Assert.Single(events, e => e.GetProperty("detail-type").GetString() == "Object Created");
        Assert.Equal("aws.s3", created.GetProperty("source").GetString());
        Assert.Equal(["arn:aws:s3:::notify-eb"], created.GetProperty("resources").EnumerateArray().Select(r => r.GetString()));
        var detail = created.GetProperty("detail");
        Assert.Equal("0", detail.GetProperty("version").GetString());
        Assert.Equal("report.csv", detail.GetProperty("object").GetProperty("key").GetString());
        Assert.Equal(3, detail.GetProperty("object").GetProperty("size").GetInt64());
        Assert.Equal("PutObject", detail.GetProperty("reason").GetString());
        var deleted = Assert.Single(events, e => e.GetProperty("detail-type").GetString() == "Object Deleted");
        Assert.Equal("Permanently Deleted", deleted.GetProperty("detail").GetProperty("deletion-type").GetString());

        var file = Path.Combine(fixture.Server.DataDirectory, $"s3-eventbridge-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, created.GetRawText());
        await RecordedEvents.ValidateAsync("S3EventNotificationEventBridgeSchema", [file]);
    }
}
