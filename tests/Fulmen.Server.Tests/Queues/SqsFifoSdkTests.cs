using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>FIFO queues through AWS's .NET SDK (AWSSDK.SQS 4, AWS JSON 1.0): groups in order, deduplication, SequenceNumber.</summary>
[Trait("Backend", "Both")]
public sealed class SqsFifoSdkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private AmazonSQSClient Client() => SqsSdk.Client(fixture.Server);

    [Fact]
    public async Task FifoQueue_BatchSendInGroups_ReceivedInOrderWithSystemAttributes_DuplicatesNotDelivered()
    {
        using var sqs = Client();
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = "sdk-fifo.fifo",
            Attributes = new() { ["FifoQueue"] = "true", ["ContentBasedDeduplication"] = "true" },
        })).QueueUrl;

        var entries = Enumerable.Range(1, 6).Select(i => new SendMessageBatchRequestEntry($"e{i}", $"m{i}") { MessageGroupId = i % 2 == 0 ? "even" : "odd" }).ToList();
        var sent = await sqs.SendMessageBatchAsync(url, entries);
        Assert.Equal(6, sent.Successful.Count);
        Assert.All(sent.Successful, entry => Assert.Equal(20, entry.SequenceNumber.Length));
        var duplicate = await sqs.SendMessageAsync(new SendMessageRequest(url, "m3") { MessageGroupId = "odd", MessageDeduplicationId = "explicit-id" });
        Assert.NotEqual(sent.Successful[2].MessageId, duplicate.MessageId); // an explicit id overrides the content's
        var again = await sqs.SendMessageAsync(new SendMessageRequest(url, "m3 changed") { MessageGroupId = "odd", MessageDeduplicationId = "explicit-id" });
        Assert.Equal((duplicate.MessageId, duplicate.SequenceNumber), (again.MessageId, again.SequenceNumber));
        var contentDuplicate = await sqs.SendMessageAsync(new SendMessageRequest(url, "m1") { MessageGroupId = "odd" });
        Assert.Equal(sent.Successful[0].MessageId, contentDuplicate.MessageId);

        var received = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url, MaxNumberOfMessages = 10, MessageSystemAttributeNames = ["All"], ReceiveRequestAttemptId = "attempt-1",
        })).Messages;
        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "m6", "m3"], received.Select(m => m.Body));
        var first = received[0];
        Assert.Equal("odd", first.Attributes["MessageGroupId"]);
        Assert.Equal(sent.Successful[0].SequenceNumber, first.Attributes["SequenceNumber"]);
        Assert.Equal(64, first.Attributes["MessageDeduplicationId"].Length);
        Assert.Equal("explicit-id", received[6].Attributes["MessageDeduplicationId"]);

        // A message given back is delivered again, with its receive count.
        await sqs.DeleteMessageBatchAsync(url, [.. received.Where(m => m.Body != "m2").Select((m, i) => new DeleteMessageBatchRequestEntry($"d{i}", m.ReceiptHandle))]);
        await sqs.ChangeMessageVisibilityAsync(url, received[1].ReceiptHandle, 0);
        var retried = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, MessageSystemAttributeNames = ["ApproximateReceiveCount"] })).Messages;
        var m2 = Assert.Single(retried);
        Assert.Equal(("m2", "2"), (m2.Body, m2.Attributes["ApproximateReceiveCount"]));
    }

    [Fact]
    public async Task FifoQueue_Errors_AsSqsAnswersThem()
    {
        using var sqs = Client();
        var badName = await Assert.ThrowsAsync<AmazonSQSException>(() =>
            sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "sdk-fifo-bad", Attributes = new() { ["FifoQueue"] = "true" } }));
        Assert.Equal("InvalidParameterValue", badName.ErrorCode);
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "sdk-fifo-errors.fifo", Attributes = new() { ["FifoQueue"] = "true" } })).QueueUrl;

        var noGroup = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.SendMessageAsync(new SendMessageRequest(url, "x") { MessageDeduplicationId = "d" }));
        Assert.Equal(("MissingParameter", "The request must contain the parameter MessageGroupId."), (noGroup.ErrorCode, noGroup.Message));
        var noDeduplication = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.SendMessageAsync(new SendMessageRequest(url, "x") { MessageGroupId = "g" }));
        Assert.Equal(("InvalidParameterValue", "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"),
            (noDeduplication.ErrorCode, noDeduplication.Message));
        var batch = await sqs.SendMessageBatchAsync(url,
        [
            new SendMessageBatchRequestEntry("ok", "x") { MessageGroupId = "g", MessageDeduplicationId = "d1" },
            new SendMessageBatchRequestEntry("delayed", "y") { MessageGroupId = "g", MessageDeduplicationId = "d2", DelaySeconds = 10 },
        ]);
        Assert.Equal("ok", Assert.Single(batch.Successful).Id);
        Assert.Equal(("delayed", "InvalidParameterValue"), (Assert.Single(batch.Failed).Id, batch.Failed[0].Code));
    }
}
