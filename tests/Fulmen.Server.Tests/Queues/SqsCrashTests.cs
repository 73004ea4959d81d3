using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>
/// SIGKILL loses nothing a queue acknowledged: every acknowledged send is there after a restart, and a mapping killed
/// while polling processes every message afterwards (at least once) and leaves the queue empty.
/// </summary>
[Collection(nameof(RunsAlone))]
[Trait("Backend", "Both")]
public sealed class SqsCrashTests
{
    private const int Messages = 2000;

    [Fact]
    public async Task AcknowledgedSends_ServerKilled_AllThereAfterRestart()
    {
        await using var server = await FulmenServer.StartAsync();
        using var sqs = new SqsJson(server);
        var url = await sqs.CreateQueueAsync("crash-sends", visibility: 30);

        await SendAllAsync(sqs, url, Messages);
        server.Crash();
        await server.RestartAsync();

        var bodies = new HashSet<string>();
        while (true)
        {
            var received = await sqs.CallAsync("ReceiveMessage", new JsonObject { ["QueueUrl"] = url, ["MaxNumberOfMessages"] = 10 });
            if (received["Messages"] is not JsonArray { Count: > 0 } messages)
            {
                break;
            }
            foreach (var message in messages)
            {
                bodies.Add(message!["Body"]!.GetValue<string>());
            }
        }
        Assert.True(bodies.SetEquals(Enumerable.Range(0, Messages).Select(i => $"{i}")),
            $"{bodies.Count} of {Messages} acknowledged messages came back after the crash");
    }

    [Fact]
    public async Task MappingKilledWhilePolling_EveryMessageProcessedAfterRestart_QueueEmpty()
    {
        await using var server = await FulmenServer.StartAsync();
        using var sqs = new SqsJson(server);
        var (_, http, recorder) = AsyncInvokeTests.Setup(server, "crash-mapping");
        await http.CreateFunctionAsync("crash-mapped", TestFunctions.Python("""
            import os, time

            def handler(event, context):
                time.sleep(0.02)
                for record in event["Records"]:
                    open(os.path.join(os.environ["RECORD_DIR"], "seen-" + record["body"]), "w").close()
            """), recorder.Settings());
        var url = await sqs.CreateQueueAsync("crash-mapped", visibility: 5);
        await SendAllAsync(sqs, url, Messages);
        var created = await http.SendAsync(HttpMethod.Post, "/2015-03-31/event-source-mappings/",
            """{"FunctionName":"crash-mapped","EventSourceArn":"arn:aws:sqs:us-east-1:000000000000:crash-mapped","BatchSize":10}""");
        Assert.True(created.Status == HttpStatusCode.Accepted, created.ToString());

        await recorder.WaitForFilesAsync("seen-", 100, TimeSpan.FromSeconds(60));
        server.Crash();
        var seenBeforeCrash = recorder.Files("seen-").Count;
        Assert.True(seenBeforeCrash is > 0 and < Messages, $"the crash should come mid-way, but {seenBeforeCrash} of {Messages} had run");

        await server.RestartAsync();
        var seen = await recorder.WaitForFilesAsync("seen-", Messages, TimeSpan.FromSeconds(180));
        Assert.Equal(Messages, seen);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonNode attributes;
        do
        {
            await Task.Delay(200);
            attributes = (await sqs.CallAsync("GetQueueAttributes", new JsonObject { ["QueueUrl"] = url, ["AttributeNames"] = new JsonArray("All") }))["Attributes"]!;
        }
        while ((attributes["ApproximateNumberOfMessages"]!.GetValue<string>() != "0" || attributes["ApproximateNumberOfMessagesNotVisible"]!.GetValue<string>() != "0")
            && DateTime.UtcNow < deadline);
        Assert.Equal("0", attributes["ApproximateNumberOfMessages"]!.GetValue<string>());
        Assert.Equal("0", attributes["ApproximateNumberOfMessagesNotVisible"]!.GetValue<string>());
    }

    /// <summary>Sends bodies "0".."count-1" in batches of 10, 8 batches at a time; every one must be acknowledged.</summary>
    private static async Task SendAllAsync(SqsJson sqs, string url, int count)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref next)) * 10 < count)
            {
                var entries = new JsonArray([.. Enumerable.Range(batch * 10, 10).Select(i => (JsonNode)new JsonObject { ["Id"] = $"m{i}", ["MessageBody"] = $"{i}" })]);
                var sent = await sqs.CallAsync("SendMessageBatch", new JsonObject { ["QueueUrl"] = url, ["Entries"] = entries });
                Assert.Equal(10, sent["Successful"]!.AsArray().Count);
            }
        }));
    }

    /// <summary>SQS's JSON 1.0 protocol over plain HTTP, as the SDKs send it (the server in these tests does not check signatures).</summary>
    private sealed class SqsJson(FulmenServer server) : IDisposable
    {
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

        public async Task<string> CreateQueueAsync(string name, int visibility) =>
            (await CallAsync("CreateQueue", new JsonObject
            {
                ["QueueName"] = name,
                ["Attributes"] = new JsonObject { ["VisibilityTimeout"] = $"{visibility}" },
            }))["QueueUrl"]!.GetValue<string>();

        public async Task<JsonNode> CallAsync(string operation, JsonObject body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{server.Endpoint}/")
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.0"),
            };
            request.Headers.Add("X-Amz-Target", $"AmazonSQS.{operation}");
            request.Headers.TryAddWithoutValidation("Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20261206/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123");
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{operation}: {(int)response.StatusCode} {text}");
            return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
        }

        public void Dispose() => _http.Dispose();
    }
}
