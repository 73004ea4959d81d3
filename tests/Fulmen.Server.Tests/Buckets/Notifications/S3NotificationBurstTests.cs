using System.Net;
using System.Text;
using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;
using Fulmen.Server.Tests.Topics;

namespace Fulmen.Server.Tests.Buckets.Notifications;

/// <summary>
/// Many PUTs to many keys in quick succession (each key's PUTs one after another, the keys side by side), the way the
/// notifier's batches see them: every change reaches a function, and a queue gets each key's changes in commit order.
/// The object's content names its PUT, so its ETag (MD5) tells which PUT an event is for.
/// </summary>
[Trait("Backend", "Both")]
public sealed class S3NotificationBurstTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Keys = 16;
    private const int PutsPerKey = 8;
    private const string Authorization = "AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/{0}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123";

    private S3NotificationClient S3 => new(fixture);

    [Fact]
    public async Task ManyPutsToManyKeys_AllDelivered_EachKeysInCommitOrder()
    {
        await S3.CreateBucketAsync("notify-burst-fn");
        await S3.CreateBucketAsync("notify-burst-q");
        var recorder = await S3.RecordingFunctionAsync("notify-burst-recorder", allowBucket: "notify-burst-fn");
        var queueUrl = await new SnsClient(fixture.Lambda.Aws).CreateQueueAsync("notify-burst-queue");
        var toFunction = await S3.PutConfigurationAsync("notify-burst-fn", $$"""
            {"LambdaFunctionConfigurations":[{"LambdaFunctionArn":"{{S3NotificationClient.FunctionArn("notify-burst-recorder")}}","Events":["s3:ObjectCreated:*"]}]}
            """);
        Assert.True(toFunction.ExitCode == 0, S3NotificationClient.Show(toFunction));
        var toQueue = await S3.PutConfigurationAsync("notify-burst-q", $$"""
            {"QueueConfigurations":[{"QueueArn":"{{SnsClient.QueueArn("notify-burst-queue")}}","Events":["s3:ObjectCreated:*"]}]}
            """);
        Assert.True(toQueue.ExitCode == 0, S3NotificationClient.Show(toQueue));
        Assert.Single(await ReceiveAsync(queueUrl, 1));   // the s3:TestEvent

        await Task.WhenAll(Enumerable.Range(0, Keys).Select(async k =>
        {
            for (var put = 0; put < PutsPerKey; put++)
            {
                await PutAsync("notify-burst-fn", Key(k), Content(k, put));
                await PutAsync("notify-burst-q", Key(k), Content(k, put));
            }
        }));

        var byEtag = Enumerable.Range(0, Keys).SelectMany(k => Enumerable.Range(0, PutsPerKey).Select(put => (k, put)))
            .ToDictionary(p => Etag(Content(p.k, p.put)), p => (Key: Key(p.k), p.put));
        var functionEvents = (await recorder.RecordsAsync(Keys * PutsPerKey, TimeSpan.FromSeconds(120))).Select(Object).ToList();
        Assert.Equal(byEtag.Values.OrderBy(v => v.Key).ThenBy(v => v.put),
            functionEvents.Select(o => byEtag[o.Etag]).Distinct().OrderBy(v => v.Key).ThenBy(v => v.put));
        Assert.All(functionEvents, o => Assert.Equal(byEtag[o.Etag].Key, o.Key));

        var queued = (await ReceiveAsync(queueUrl, Keys * PutsPerKey)).Select(Object).ToList();
        foreach (var key in Enumerable.Range(0, Keys).Select(Key))
        {
            Assert.Equal(Enumerable.Range(0, PutsPerKey), queued.Where(o => o.Key == key).Select(o => byEtag[o.Etag].put));
        }
    }

    private static string Key(int k) => $"burst/key-{k:00}.txt";

    private static string Content(int k, int put) => $"key {k}, put {put}";

    private static string Etag(string content) => Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(content)));

    private static (string Key, string Etag) Object(JsonElement notification)
    {
        var item = Assert.Single(notification.GetProperty("Records").EnumerateArray()).GetProperty("s3").GetProperty("object");
        return (item.GetProperty("key").GetString()!, item.GetProperty("eTag").GetString()!);
    }

    private async Task PutAsync(string bucket, string key, string content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{fixture.Server.Endpoint}/{bucket}/{key}") { Content = new StringContent(content) };
        request.Headers.TryAddWithoutValidation("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, Authorization, "s3"));
        var response = await fixture.Http.SendAsync(request);
        Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
    }

    /// <summary>
    /// The queue's messages in the order the queue hands them out, <paramref name="count"/> of them; each stays
    /// invisible long past the test, so none comes twice.
    /// </summary>
    private async Task<List<JsonElement>> ReceiveAsync(string queueUrl, int count)
    {
        var messages = new List<JsonElement>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (messages.Count < count)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"expected {count} messages, received {messages.Count}");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{fixture.Server.Endpoint}/")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { QueueUrl = queueUrl, MaxNumberOfMessages = 10, VisibilityTimeout = 3600, WaitTimeSeconds = 5 })),
            };
            request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
            request.Headers.TryAddWithoutValidation("X-Amz-Target", "AmazonSQS.ReceiveMessage");
            request.Headers.TryAddWithoutValidation("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, Authorization, "sqs"));
            var response = await fixture.Http.SendAsync(request);
            Assert.True(response.Status == HttpStatusCode.OK, response.ToString());
            if (response.Json.TryGetProperty("Messages", out var batch))
            {
                messages.AddRange(batch.EnumerateArray().Select(m => JsonDocument.Parse(m.GetProperty("Body").GetString()!).RootElement));
            }
        }
        Assert.Equal(count, messages.Count);
        return messages;
    }
}
