using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>
/// Dead-letter redrive through AWSSDK.SQS (JSON 1.0): messages received too often land in the dead-letter queue,
/// ListDeadLetterSourceQueues names their source, a message move task sends them back (or to another queue) and can be
/// cancelled; AddPermission and RemovePermission edit the queue's Policy.
/// </summary>
[Trait("Backend", "Both")]
public sealed class SqsDeadLetterSdkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Account = "000000000000";

    private AmazonSQSClient Client() => SqsSdk.Client(fixture.Server);

    private static string Arn(string name) => $"arn:aws:sqs:us-east-1:{Account}:{name}";

    /// <summary>A source queue and its dead-letter queue holding <paramref name="count"/> messages redriven from it.</summary>
    private static async Task<(string Source, string DeadLetters)> DeadLetteredAsync(AmazonSQSClient sqs, string prefix, int count)
    {
        var deadLetters = (await sqs.CreateQueueAsync($"{prefix}-dlq")).QueueUrl;
        var source = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = prefix,
            Attributes = new() { ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{Arn($"{prefix}-dlq")}\",\"maxReceiveCount\":\"1\"}}" },
        })).QueueUrl;
        for (var i = 0; i < count; i++)
        {
            await sqs.SendMessageAsync(new SendMessageRequest
            {
                QueueUrl = source, MessageBody = $"m{i}",
                MessageAttributes = new() { ["n"] = new MessageAttributeValue { DataType = "Number", StringValue = $"{i}" } },
            });
        }
        // Received once and visible again at once; the next receive finds each past maxReceiveCount and redrives it.
        var received = 0;
        while (received < count)
        {
            received += (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = source, MaxNumberOfMessages = 10, VisibilityTimeout = 0 })).Messages?.Count ?? 0;
        }
        Assert.Empty((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = source, MaxNumberOfMessages = 10 })).Messages ?? []);
        Assert.Equal(count, (await sqs.GetQueueAttributesAsync(deadLetters, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages);
        return (source, deadLetters);
    }

    private static async Task<ListMessageMoveTasksResultEntry> SettledAsync(AmazonSQSClient sqs, string sourceArn)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var task = Assert.Single((await sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = sourceArn })).Results);
            if (task.Status is not ("RUNNING" or "CANCELLING"))
            {
                return task;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the task is still {task.Status} after 90 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Redrive_ToTheOriginalSource_MovesEveryMessageBack_WithItsIdAndAttributes()
    {
        using var sqs = Client();
        var (source, deadLetters) = await DeadLetteredAsync(sqs, "sdk-redrive", 3);
        var sources = await sqs.ListDeadLetterSourceQueuesAsync(new ListDeadLetterSourceQueuesRequest { QueueUrl = deadLetters });
        Assert.Equal([source], sources.QueueUrls);
        var dead = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = deadLetters, MaxNumberOfMessages = 10, VisibilityTimeout = 0, MessageSystemAttributeNames = ["DeadLetterQueueSourceArn"],
        })).Messages;
        Assert.Equal(3, dead.Count);
        Assert.All(dead, m => Assert.Equal(Arn("sdk-redrive"), m.Attributes["DeadLetterQueueSourceArn"]));

        var started = await sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = Arn("sdk-redrive-dlq") });
        Assert.False(string.IsNullOrEmpty(started.TaskHandle));
        var task = await SettledAsync(sqs, Arn("sdk-redrive-dlq"));
        Assert.Equal("COMPLETED", task.Status);
        Assert.Equal(3, task.ApproximateNumberOfMessagesMoved);
        Assert.Equal(3, task.ApproximateNumberOfMessagesToMove);
        Assert.Null(task.TaskHandle);
        Assert.Null(task.DestinationArn);
        Assert.True(task.StartedTimestamp > 1_600_000_000_000);

        var back = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = source, MaxNumberOfMessages = 10, MessageAttributeNames = ["All"], MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        })).Messages;
        Assert.Equal(["m0", "m1", "m2"], back.Select(m => m.Body).Order(StringComparer.Ordinal));
        Assert.All(back, m => Assert.Equal(m.Body[1..], m.MessageAttributes["n"].StringValue));
        Assert.All(back, m => Assert.Equal("1", m.Attributes["ApproximateReceiveCount"]));
        Assert.Equal(0, (await sqs.GetQueueAttributesAsync(deadLetters, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages);
    }

    [Fact]
    public async Task Redrive_ToADestination_Cancel_AndErrors()
    {
        using var sqs = Client();
        var (_, deadLetters) = await DeadLetteredAsync(sqs, "sdk-cancel", 6);
        var elsewhere = (await sqs.CreateQueueAsync("sdk-cancel-elsewhere")).QueueUrl;

        // One message a second: the task is still running when it is cancelled.
        var started = await sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest
        {
            SourceArn = Arn("sdk-cancel-dlq"), DestinationArn = Arn("sdk-cancel-elsewhere"), MaxNumberOfMessagesPerSecond = 1,
        });
        var running = Assert.Single((await sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = Arn("sdk-cancel-dlq"), MaxResults = 10 })).Results);
        Assert.Equal(started.TaskHandle, running.TaskHandle);
        Assert.Equal(1, running.MaxNumberOfMessagesPerSecond);
        Assert.Equal(Arn("sdk-cancel-elsewhere"), running.DestinationArn);
        var twice = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = Arn("sdk-cancel-dlq") }));
        Assert.Equal("There is already a task running. Only one active task is allowed for a source queue arn at a given time.", twice.Message);

        var cancelled = await sqs.CancelMessageMoveTaskAsync(new CancelMessageMoveTaskRequest { TaskHandle = started.TaskHandle });
        Assert.InRange(cancelled.ApproximateNumberOfMessagesMoved ?? -1, 0, 5);
        var task = await SettledAsync(sqs, Arn("sdk-cancel-dlq"));
        Assert.Equal("CANCELLED", task.Status);
        var moved = (int)task.ApproximateNumberOfMessagesMoved!;
        Assert.Equal(moved, (await sqs.GetQueueAttributesAsync(elsewhere, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages);
        Assert.Equal(6 - moved, (await sqs.GetQueueAttributesAsync(deadLetters, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => sqs.CancelMessageMoveTaskAsync(new CancelMessageMoveTaskRequest { TaskHandle = started.TaskHandle }));

        // The rest moves with a second task; both are listed, newest first.
        await sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = Arn("sdk-cancel-dlq"), DestinationArn = Arn("sdk-cancel-elsewhere") });
        Assert.Equal("COMPLETED", (await WaitForSecondAsync()).Status);
        Assert.Equal(6, (await sqs.GetQueueAttributesAsync(elsewhere, ["ApproximateNumberOfMessages"])).ApproximateNumberOfMessages);

        var notDeadLetters = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = Arn("sdk-cancel-elsewhere") }));
        Assert.Equal("Source queue must be configured as a Dead Letter Queue.", notDeadLetters.Message);
        Assert.Equal("InvalidParameterValue", notDeadLetters.ErrorCode);
        var missing = await Assert.ThrowsAsync<ResourceNotFoundException>(() => sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = Arn("sdk-nothing") }));
        Assert.Equal("The resource that you specified for the SourceArn parameter doesn't exist.", missing.Message);
        var noDestination = await Assert.ThrowsAsync<ResourceNotFoundException>(() => sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest
        {
            SourceArn = Arn("sdk-cancel-dlq"), DestinationArn = Arn("sdk-nothing"),
        }));
        Assert.Equal("The resource that you specified for the DestinationArn parameter doesn't exist.", noDestination.Message);
        var badHandle = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.CancelMessageMoveTaskAsync(new CancelMessageMoveTaskRequest { TaskHandle = "nonsense" }));
        Assert.Equal("Value for parameter TaskHandle is invalid.", badHandle.Message);
        await Assert.ThrowsAsync<QueueDoesNotExistException>(() =>
            sqs.ListDeadLetterSourceQueuesAsync(new ListDeadLetterSourceQueuesRequest { QueueUrl = $"{fixture.Server.Endpoint}/{Account}/sdk-nothing" }));

        async Task<ListMessageMoveTasksResultEntry> WaitForSecondAsync()
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (true)
            {
                var tasks = (await sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = Arn("sdk-cancel-dlq"), MaxResults = 10 })).Results;
                Assert.Equal(2, tasks.Count);
                Assert.Equal("CANCELLED", tasks[1].Status);
                if (tasks[0].Status == "COMPLETED" || DateTime.UtcNow > deadline)
                {
                    return tasks[0];
                }
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task AddPermission_RemovePermission_EditThePolicyAsSqsWritesIt()
    {
        using var sqs = Client();
        var url = (await sqs.CreateQueueAsync("sdk-permissions")).QueueUrl;
        await sqs.AddPermissionAsync(new AddPermissionRequest { QueueUrl = url, Label = "one", AWSAccountIds = ["111122223333"], Actions = ["SendMessage"] });
        await sqs.AddPermissionAsync(new AddPermissionRequest
        {
            QueueUrl = url, Label = "two", AWSAccountIds = ["111122223333", "444455556666"], Actions = ["ReceiveMessage", "DeleteMessage"],
        });

        var policy = JsonDocument.Parse((await sqs.GetQueueAttributesAsync(url, ["Policy"])).Policy).RootElement;
        Assert.Equal("2008-10-17", policy.GetProperty("Version").GetString());
        Assert.Equal($"{Arn("sdk-permissions")}/SQSDefaultPolicy", policy.GetProperty("Id").GetString());
        var statements = policy.GetProperty("Statement").EnumerateArray().ToList();
        Assert.Equal(
            $$"""{"Sid":"one","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"SQS:SendMessage","Resource":"{{Arn("sdk-permissions")}}"}""",
            statements[0].GetRawText());
        Assert.Equal(["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"],
            statements[1].GetProperty("Principal").GetProperty("AWS").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["SQS:ReceiveMessage", "SQS:DeleteMessage"], statements[1].GetProperty("Action").EnumerateArray().Select(a => a.GetString()));

        var duplicate = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.AddPermissionAsync(new AddPermissionRequest
        {
            QueueUrl = url, Label = "one", AWSAccountIds = ["111122223333"], Actions = ["SendMessage"],
        }));
        Assert.Equal("Value one for parameter Label is invalid. Reason: Already exists.", duplicate.Message);

        await sqs.RemovePermissionAsync(url, "one");
        var left = JsonDocument.Parse((await sqs.GetQueueAttributesAsync(url, ["Policy"])).Policy).RootElement.GetProperty("Statement");
        Assert.Equal(["two"], left.EnumerateArray().Select(s => s.GetProperty("Sid").GetString()));
        var unknown = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.RemovePermissionAsync(url, "one"));
        Assert.Equal("Value one for parameter Label is invalid. Reason: can't find label.", unknown.Message);
        await sqs.RemovePermissionAsync(url, "two");
        Assert.False((await sqs.GetQueueAttributesAsync(url, ["All"])).Attributes.ContainsKey("Policy"));
    }
}
