using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>
/// A message move task killed with the server (SIGKILL) resumes when it starts again: it completes, every message is
/// back in its source (at least once) and the dead-letter queue is empty.
/// </summary>
[Collection(nameof(RunsAlone))]
[Trait("Backend", "Both")]
public sealed class SqsMoveTaskCrashTests
{
    private const int Messages = 20;
    private const string DeadLetterArn = "arn:aws:sqs:us-east-1:000000000000:crash-move-dlq";

    [Fact]
    public async Task MoveTaskKilledWhileRunning_ResumesAfterRestart_EveryMessageBack()
    {
        await using var server = await FulmenServer.StartAsync();
        var sqs = Client(server);
        var deadLetters = (await sqs.CreateQueueAsync("crash-move-dlq")).QueueUrl;
        var source = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = "crash-move",
            Attributes = new() { ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{DeadLetterArn}\",\"maxReceiveCount\":\"1\"}}" },
        })).QueueUrl;
        for (var i = 0; i < Messages; i++)
        {
            await sqs.SendMessageAsync(source, $"{i}");
        }
        while ((await sqs.GetQueueAttributesAsync(deadLetters, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages < Messages)
        {
            await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = source, MaxNumberOfMessages = 10, VisibilityTimeout = 0 });
        }

        // Five a second: it is still running when the server is killed, with some messages moved.
        await sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = DeadLetterArn, MaxNumberOfMessagesPerSecond = 5 });
        await UntilAsync(async () => (await sqs.GetQueueAttributesAsync(source, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages > 0);
        server.Crash();
        await server.RestartAsync();
        sqs.Dispose();
        sqs = Client(server); // the server listens on another port now
        source = (await sqs.GetQueueUrlAsync("crash-move")).QueueUrl;
        deadLetters = (await sqs.GetQueueUrlAsync("crash-move-dlq")).QueueUrl;

        await UntilAsync(async () => Task(await sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = DeadLetterArn })).Status != "RUNNING");
        Assert.Equal("COMPLETED", Task(await sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = DeadLetterArn })).Status);
        Assert.Equal(0, (await sqs.GetQueueAttributesAsync(deadLetters, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])).ApproximateNumberOfMessages);
        var bodies = new HashSet<string>();
        while ((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = source, MaxNumberOfMessages = 10 })).Messages is { Count: > 0 } received)
        {
            bodies.UnionWith(received.Select(m => m.Body));
        }
        Assert.True(bodies.SetEquals(Enumerable.Range(0, Messages).Select(i => $"{i}")), $"{bodies.Count} of {Messages} messages came back");
        sqs.Dispose();
    }

    private static AmazonSQSClient Client(FulmenServer server) => SqsSdk.Client(server, maxErrorRetry: 3);

    private static ListMessageMoveTasksResultEntry Task(ListMessageMoveTasksResponse response) => Assert.Single(response.Results);

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not reached within 90 s");
            await System.Threading.Tasks.Task.Delay(100);
        }
    }
}
