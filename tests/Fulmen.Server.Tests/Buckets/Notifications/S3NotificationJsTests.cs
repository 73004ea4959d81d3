using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets.Notifications;

/// <summary>Bucket notifications through AWS's JavaScript SDK (tests/js/s3-notifications.test.mjs): @aws-sdk/client-s3 and a Node function.</summary>
public sealed class S3NotificationJsTests
{
    [Fact]
    public async Task AwsSdkForJavaScript_FunctionNotified_RefusedWithoutPermission()
    {
        await using var server = await FulmenServer.StartAsync();
        var zip = NodeTests.EventRecorderZip(server.DataDirectory, "s3-notify");

        await NodeTests.AssertPassAsync(server, "s3-notifications.test.mjs", tests: 2, new()
        {
            ["FULMEN_ZIP"] = zip,
            ["FULMEN_RECORD_DIR"] = server.DataDirectory,
        });
    }
}
