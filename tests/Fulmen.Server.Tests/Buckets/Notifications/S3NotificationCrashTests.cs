using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Buckets.Notifications;

/// <summary>
/// A change's notification is committed with the object: a server killed (SIGKILL) after an acknowledged PUT whose
/// notification was not sent yet sends it after the restart. The test-only hook <c>FULMEN_TEST_HOLD_S3_NOTIFICATIONS=1</c>
/// (BucketNotificationOptions.HoldLiveDeliveries) keeps live changes from being sent, so the kill surely comes before
/// the send; only the pass over pending changes at start sends them.
/// </summary>
[Collection(nameof(RunsAlone))]
[Trait("Backend", "Both")]
public sealed class S3NotificationCrashTests
{
    [Fact]
    public async Task AcknowledgedPut_ServerKilledBeforeTheSend_NotifiedAfterRestart()
    {
        await using var server = await FulmenServer.StartAsync(new Dictionary<string, string> { ["FULMEN_TEST_HOLD_S3_NOTIFICATIONS"] = "1" });
        var aws = new AwsCli(server);
        using var http = new LambdaHttp(server);
        var s3 = new S3NotificationClient(server, aws, http);
        await s3.CreateBucketAsync("crash-notify");
        var recorder = await s3.RecordingFunctionAsync("crash-notify-fn", allowBucket: "crash-notify");
        var put = await s3.PutConfigurationAsync("crash-notify", $$"""
            {"LambdaFunctionConfigurations":[{"Id":"after-crash","LambdaFunctionArn":"{{S3NotificationClient.FunctionArn("crash-notify-fn")}}","Events":["s3:ObjectCreated:*","s3:ObjectRemoved:*"]}]}
            """);
        Assert.True(put.ExitCode == 0, S3NotificationClient.Show(put));
        await s3.PutObjectAsync("crash-notify", "kept promise.txt", "sent at least once");
        await s3.PutObjectAsync("crash-notify", "removed.txt", "soon gone");
        await aws.SucceedAsync("s3api", "delete-object", "--bucket", "crash-notify", "--key", "removed.txt");

        server.Crash();
        Assert.Empty(recorder.Files("record-"));
        await server.RestartAsync();

        var records = (await recorder.RecordsAsync(3, TimeSpan.FromSeconds(90))).Select(r => r.GetProperty("Records")[0]).ToList();
        var events = records.Select(r => (r.GetProperty("s3").GetProperty("object").GetProperty("key").GetString(), r.GetProperty("eventName").GetString()))
            .Order().ToList();
        Assert.Equal([("kept+promise.txt", "ObjectCreated:Put"), ("removed.txt", "ObjectCreated:Put"), ("removed.txt", "ObjectRemoved:Delete")], events);
        Assert.All(records, r => Assert.Equal("after-crash", r.GetProperty("s3").GetProperty("configurationId").GetString()));
        await RecordedEvents.ValidateAsync("S3Schema", recorder.Files("record-"));

        // The removed object's tombstone held only its pending change: once delivered, nothing is left to list.
        var listed = (await aws.SucceedAsync("s3api", "list-objects-v2", "--bucket", "crash-notify")).Json;
        Assert.Equal(["kept promise.txt"], listed.GetProperty("Contents").EnumerateArray().Select(o => o.GetProperty("Key").GetString()));
    }
}
