using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;
using Fulmen.Server.Tests.Topics;

namespace Fulmen.Server.Tests.Buckets.Notifications;

/// <summary>
/// <c>put/get-bucket-notification-configuration</c> through the AWS CLI: every kind of configuration round-trips with
/// its filter; S3's refusals (overlapping rules, destinations S3 cannot reach or may not invoke, bad filter rules); the
/// <c>s3:TestEvent</c> a queue and a topic get when a configuration names them; an empty configuration removes it.
/// </summary>
[Trait("Backend", "Both")]
public sealed class S3NotificationConfigurationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private S3NotificationClient S3 => new(fixture);

    private SnsClient Sns => new(fixture.Lambda.Aws);

    [Fact]
    public async Task PutThenGet_EveryKindOfConfiguration_RoundTrips_QueueAndTopicGetTheTestEvent()
    {
        await S3.CreateBucketAsync("config-all");
        await S3.RecordingFunctionAsync("config-all-fn", allowBucket: "config-all");
        var queue = await Sns.CreateQueueAsync("config-all-q");
        var topic = await Sns.CreateTopicAsync("config-all-t");
        var topicQueue = await Sns.CreateQueueAsync("config-all-tq");
        await Sns.SubscribeAsync(topic, "sqs", SnsClient.QueueArn("config-all-tq"), """{"RawMessageDelivery":"true"}""");
        var configuration = $$$$$"""
            {"LambdaFunctionConfigurations":[{"Id":"images","LambdaFunctionArn":"{{{{{S3NotificationClient.FunctionArn("config-all-fn")}}}}}","Events":["s3:ObjectCreated:*"],
               "Filter":{"Key":{"FilterRules":[{"Name":"prefix","Value":"images/"},{"Name":"suffix","Value":".jpg"}]}}}],
             "QueueConfigurations":[{"Id":"removals","QueueArn":"{{{{{SnsClient.QueueArn("config-all-q")}}}}}","Events":["s3:ObjectRemoved:*"]}],
             "TopicConfigurations":[{"Id":"copies","TopicArn":"{{{{{topic}}}}}","Events":["s3:ObjectCreated:Copy"],"Filter":{"Key":{"FilterRules":[{"Name":"prefix","Value":"copies/"}]}}}],
             "EventBridgeConfiguration":{}}
            """;

        var put = await S3.PutConfigurationAsync("config-all", configuration);
        Assert.True(put.ExitCode == 0, S3NotificationClient.Show(put));

        var got = (await S3.Aws.SucceedAsync("s3api", "get-bucket-notification-configuration", "--bucket", "config-all")).Json;
        var function = Assert.Single(got.GetProperty("LambdaFunctionConfigurations").EnumerateArray());
        Assert.Equal("images", function.GetProperty("Id").GetString());
        Assert.Equal(S3NotificationClient.FunctionArn("config-all-fn"), function.GetProperty("LambdaFunctionArn").GetString());
        Assert.Equal(["s3:ObjectCreated:*"], function.GetProperty("Events").EnumerateArray().Select(e => e.GetString()));
        var rules = function.GetProperty("Filter").GetProperty("Key").GetProperty("FilterRules").EnumerateArray()
            .Select(r => (r.GetProperty("Name").GetString(), r.GetProperty("Value").GetString())).ToList();
        Assert.Equal([("Prefix", "images/"), ("Suffix", ".jpg")], rules);
        Assert.Equal(SnsClient.QueueArn("config-all-q"), Assert.Single(got.GetProperty("QueueConfigurations").EnumerateArray()).GetProperty("QueueArn").GetString());
        Assert.Equal(topic, Assert.Single(got.GetProperty("TopicConfigurations").EnumerateArray()).GetProperty("TopicArn").GetString());
        Assert.Equal(JsonValueKind.Object, got.GetProperty("EventBridgeConfiguration").ValueKind);

        foreach (var url in new[] { queue, topicQueue })
        {
            var test = SnsClient.Body(Assert.Single(await Sns.ReceiveAsync(url, 1)));
            Assert.Equal("Amazon S3", test.GetProperty("Service").GetString());
            Assert.Equal("s3:TestEvent", test.GetProperty("Event").GetString());
            Assert.Equal("config-all", test.GetProperty("Bucket").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", test.GetProperty("Time").GetString()!);
        }

        // An empty configuration removes it.
        Assert.Equal(0, (await S3.PutConfigurationAsync("config-all", "{}")).ExitCode);
        var empty = await S3.Aws.SucceedAsync("s3api", "get-bucket-notification-configuration", "--bucket", "config-all");
        Assert.True(empty.StandardOutput.Trim().Length == 0 || !empty.Json.TryGetProperty("LambdaFunctionConfigurations", out _), empty.StandardOutput);
    }

    [Fact]
    public async Task OverlappingRules_Refused_AsS3Does()
    {
        await S3.CreateBucketAsync("config-overlap");
        await S3.RecordingFunctionAsync("config-overlap-fn", allowBucket: "config-overlap");
        var arn = S3NotificationClient.FunctionArn("config-overlap-fn");

        LambdaCli.AssertServiceError(await S3.PutConfigurationAsync("config-overlap", $$$$$"""
            {"LambdaFunctionConfigurations":[{"LambdaFunctionArn":"{{{{{arn}}}}}","Events":["s3:ObjectCreated:*"]},{"LambdaFunctionArn":"{{{{{arn}}}}}","Events":["s3:ObjectCreated:Put"]}]}
            """), "InvalidArgument", "PutBucketNotificationConfiguration", "Configurations overlap. Configurations on the same bucket cannot share a common event type.");
        LambdaCli.AssertServiceError(await S3.PutConfigurationAsync("config-overlap", $$$$$"""
            {"LambdaFunctionConfigurations":[
              {"LambdaFunctionArn":"{{{{{arn}}}}}","Events":["s3:ObjectCreated:*"],"Filter":{"Key":{"FilterRules":[{"Name":"prefix","Value":"logs/"}]}}},
              {"LambdaFunctionArn":"{{{{{arn}}}}}","Events":["s3:ObjectCreated:*"],"Filter":{"Key":{"FilterRules":[{"Name":"prefix","Value":"logs/app/"},{"Name":"suffix","Value":".gz"}]}}}]}
            """), "InvalidArgument", "PutBucketNotificationConfiguration",
            "Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if the prefixes are overlapping for the same event type.");
        LambdaCli.AssertServiceError(await S3.PutConfigurationAsync("config-overlap", $$$$$"""
            {"LambdaFunctionConfigurations":[{"LambdaFunctionArn":"{{{{{arn}}}}}","Events":["s3:ObjectCreated:*"],"Filter":{"Key":{"FilterRules":[{"Name":"middle","Value":"x"}]}}}]}
            """), "InvalidArgument", "PutBucketNotificationConfiguration", "filter rule name must be either prefix or suffix");
        LambdaCli.AssertServiceError(await S3.PutConfigurationAsync("config-overlap", $$$$$"""
            {"LambdaFunctionConfigurations":[{"LambdaFunctionArn":"{{{{{arn}}}}}","Events":["s3:ObjectMade:*"]}]}
            """), "InvalidArgument", "PutBucketNotificationConfiguration", "The event is not supported for notifications");

        // Disjoint prefixes, or different event families, do not overlap.
        var accepted = await S3.PutConfigurationAsync("config-overlap", $$$$$"""
            {"LambdaFunctionConfigurations":[
              {"LambdaFunctionArn":"{{{{{arn}}}}}","Events":["s3:ObjectCreated:*"],"Filter":{"Key":{"FilterRules":[{"Name":"prefix","Value":"a/"}]}}},
              {"LambdaFunctionArn":"{{{{{arn}}}}}","Events":["s3:ObjectCreated:*"],"Filter":{"Key":{"FilterRules":[{"Name":"prefix","Value":"b/"}]}}},
              {"LambdaFunctionArn":"{{{{{arn}}}}}","Events":["s3:ObjectRemoved:*"]}]}
            """);
        Assert.True(accepted.ExitCode == 0, S3NotificationClient.Show(accepted));
    }

    [Fact]
    public async Task UnreachableOrForbiddenDestinations_Refused_NothingStored()
    {
        await S3.CreateBucketAsync("config-denied");
        await S3.RecordingFunctionAsync("config-denied-fn", allowBucket: null);
        await S3.RecordingFunctionAsync("config-other-fn", allowBucket: "some-other-bucket");

        foreach (var configuration in new[]
        {
            $$$$$"""{"LambdaFunctionConfigurations":[{"LambdaFunctionArn":"{{{{{S3NotificationClient.FunctionArn("config-denied-fn")}}}}}","Events":["s3:ObjectCreated:*"]}]}""",
            $$$$$"""{"LambdaFunctionConfigurations":[{"LambdaFunctionArn":"{{{{{S3NotificationClient.FunctionArn("config-other-fn")}}}}}","Events":["s3:ObjectCreated:*"]}]}""",
            $$$$$"""{"LambdaFunctionConfigurations":[{"LambdaFunctionArn":"{{{{{S3NotificationClient.FunctionArn("no-such-fn")}}}}}","Events":["s3:ObjectCreated:*"]}]}""",
            $$$$$"""{"QueueConfigurations":[{"QueueArn":"{{{{{SnsClient.QueueArn("no-such-queue")}}}}}","Events":["s3:ObjectCreated:*"]}]}""",
            $$$$$"""{"TopicConfigurations":[{"TopicArn":"{{{{{SnsClient.TopicArn("no-such-topic")}}}}}","Events":["s3:ObjectCreated:*"]}]}""",
        })
        {
            var result = await S3.PutConfigurationAsync("config-denied", configuration);
            LambdaCli.AssertServiceError(result, "InvalidArgument", "PutBucketNotificationConfiguration", "Unable to validate the following destination configurations");
        }
        var got = await S3.Aws.SucceedAsync("s3api", "get-bucket-notification-configuration", "--bucket", "config-denied");
        Assert.True(got.StandardOutput.Trim().Length == 0 || !got.Json.TryGetProperty("LambdaFunctionConfigurations", out _), got.StandardOutput);

        // What S3 answers in the body: each refused destination and why.
        var raw = await Curl.RunAsync(fixture.Server.DataDirectory, "-X", "PUT", "-H", "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0",
            "--data-binary", $"<NotificationConfiguration><CloudFunctionConfiguration><CloudFunction>{S3NotificationClient.FunctionArn("config-denied-fn")}</CloudFunction><Event>s3:ObjectCreated:*</Event></CloudFunctionConfiguration></NotificationConfiguration>",
            $"{fixture.Server.Endpoint}/config-denied?notification");
        Assert.Equal(400, raw.Status);
        var body = System.Text.Encoding.UTF8.GetString(raw.Body);
        Assert.Contains($"<ArgumentName1>{S3NotificationClient.FunctionArn("config-denied-fn")}</ArgumentName1>", body, StringComparison.Ordinal);
        Assert.Contains($"<ArgumentValue1>Not authorized to invoke function [{S3NotificationClient.FunctionArn("config-denied-fn")}]</ArgumentValue1>", body, StringComparison.Ordinal);
    }
}
