using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Fulmen.Server.Tests.Infrastructure;
using Fulmen.Server.Tests.Topics;

namespace Fulmen.Server.Tests.Buckets.Notifications;

/// <summary>AWS's .NET S3 client (AWSSDK.S3): PutBucketNotification and GetBucketNotification, and what a queue then gets.</summary>
[Trait("Backend", "Both")]
public sealed class S3NotificationSdkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task PutBucketNotification_QueueWithFilter_RoundTripsAndDelivers()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"), new AmazonS3Config
        {
            ServiceURL = fixture.Server.Endpoint,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });
        var sns = new SnsClient(fixture.Lambda.Aws);
        var queue = await sns.CreateQueueAsync("sdk-notify-q");
        await s3.PutBucketAsync("sdk-notify");

        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = "sdk-notify",
            QueueConfigurations =
            [
                new QueueConfiguration
                {
                    Id = "logs",
                    Queue = SnsClient.QueueArn("sdk-notify-q"),
                    Events = [EventType.ObjectCreatedAll],
                    Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("Prefix", "logs/")] } },
                },
            ],
            EventBridgeConfiguration = new EventBridgeConfiguration(),
        });
        var got = await s3.GetBucketNotificationAsync("sdk-notify");
        var configuration = Assert.Single(got.QueueConfigurations);
        Assert.Equal("logs", configuration.Id);
        Assert.Equal(SnsClient.QueueArn("sdk-notify-q"), configuration.Queue);
        Assert.Equal("s3:ObjectCreated:*", Assert.Single(configuration.Events).Value);
        Assert.Equal("logs/", Assert.Single(configuration.Filter.S3KeyFilter.FilterRules).Value);
        Assert.NotNull(got.EventBridgeConfiguration);
        Assert.Equal("s3:TestEvent", SnsClient.Body(Assert.Single(await sns.ReceiveAsync(queue, 1))).GetProperty("Event").GetString());

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "sdk-notify", Key = "other/skip.txt", ContentBody = "skip" });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "sdk-notify", Key = "logs/app 1.log", ContentBody = "line" });

        var record = SnsClient.Body(Assert.Single(await sns.ReceiveAsync(queue, 1))).GetProperty("Records")[0];
        Assert.Equal("logs/app+1.log", record.GetProperty("s3").GetProperty("object").GetProperty("key").GetString());
        Assert.Equal("logs", record.GetProperty("s3").GetProperty("configurationId").GetString());
        await sns.AssertEmptyAsync(queue);
    }
}
