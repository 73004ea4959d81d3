using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Queues;

/// <summary>
/// SQS through AWS's .NET SDK (AWSSDK.SQS 4), which speaks AWS JSON 1.0 and checks every MD5 it is answered: a wrong
/// checksum of a body or of message attributes fails the call.
/// </summary>
[Trait("Backend", "Both")]
public sealed class SqsSdkTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private AmazonSQSClient Client() => SqsSdk.Client(fixture.Server);

    [Fact]
    public async Task SendReceiveDelete_WithMessageAttributes_ChecksumsVerifiedByTheSdk()
    {
        using var sqs = Client();
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "sdk-msgs", Tags = new() { ["team"] = "core" } })).QueueUrl;
        Assert.EndsWith("/000000000000/sdk-msgs", url, StringComparison.Ordinal);

        var sent = await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = "héllo",
            MessageAttributes = new()
            {
                ["text"] = new MessageAttributeValue { DataType = "String", StringValue = "blue" },
                ["count"] = new MessageAttributeValue { DataType = "Number.int", StringValue = "7" },
                ["blob"] = new MessageAttributeValue { DataType = "Binary", BinaryValue = new MemoryStream([1, 2, 3, 255]) },
            },
        });
        Assert.NotNull(sent.MD5OfMessageAttributes);

        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            MessageAttributeNames = ["All"],
            MessageSystemAttributeNames = ["All"],
            MaxNumberOfMessages = 10,
        });
        var message = Assert.Single(received.Messages);
        Assert.Equal("héllo", message.Body);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal("blue", message.MessageAttributes["text"].StringValue);
        Assert.Equal([1, 2, 3, 255], message.MessageAttributes["blob"].BinaryValue.ToArray());
        Assert.Equal("1", message.Attributes["ApproximateReceiveCount"]);
        Assert.True(message.Attributes.ContainsKey("SentTimestamp"));
        Assert.True(message.Attributes.ContainsKey("ApproximateFirstReceiveTimestamp"));
        Assert.Equal("000000000000", message.Attributes["SenderId"]);

        await sqs.DeleteMessageAsync(url, message.ReceiptHandle);
        var attributes = await sqs.GetQueueAttributesAsync(url, ["All"]);
        Assert.Equal(0, attributes.ApproximateNumberOfMessages);
        Assert.Equal(0, attributes.ApproximateNumberOfMessagesNotVisible);
        Assert.Equal("core", (await sqs.ListQueueTagsAsync(new ListQueueTagsRequest { QueueUrl = url })).Tags["team"]);
    }

    [Fact]
    public async Task LongPoll_IsWokenByASend()
    {
        using var sqs = Client();
        var url = (await sqs.CreateQueueAsync("sdk-long-poll")).QueueUrl;
        var receive = sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 20 });
        await sqs.SendMessageAsync(url, "wake up");

        var message = Assert.Single((await receive.WaitAsync(TimeSpan.FromSeconds(60))).Messages);
        Assert.Equal("wake up", message.Body);
    }

    [Fact]
    public async Task VisibilityTimeout_Expires_AndTheMessageComesBack()
    {
        using var sqs = Client();
        var url = (await sqs.CreateQueueAsync("sdk-visibility")).QueueUrl;
        await sqs.SendMessageAsync(url, "again");
        var first = Assert.Single((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, VisibilityTimeout = 1 })).Messages);

        // A long poll is woken when the visibility timeout ends.
        var second = Assert.Single((await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url, WaitTimeSeconds = 20, MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        })).Messages);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal("2", second.Attributes["ApproximateReceiveCount"]);

        var stale = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.ChangeMessageVisibilityAsync(url, first.ReceiptHandle, 10));
        Assert.Contains("The receipt handle has expired", stale.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batches_AndErrors()
    {
        using var sqs = Client();
        var url = (await sqs.CreateQueueAsync("sdk-batch")).QueueUrl;
        var sent = await sqs.SendMessageBatchAsync(url,
        [
            new SendMessageBatchRequestEntry("a", "one") { MessageAttributes = new() { ["k"] = new MessageAttributeValue { DataType = "String", StringValue = "v" } } },
            new SendMessageBatchRequestEntry("b", "late") { DelaySeconds = 901 },
        ]);
        Assert.Equal("a", Assert.Single(sent.Successful).Id);
        Assert.Equal("b", Assert.Single(sent.Failed).Id);

        var messages = (await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, MessageAttributeNames = ["k*", "k.*"] })).Messages;
        var changed = await sqs.ChangeMessageVisibilityBatchAsync(url, [new ChangeMessageVisibilityBatchRequestEntry("c", messages[0].ReceiptHandle) { VisibilityTimeout = 0 }]);
        Assert.Single(changed.Successful);

        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => sqs.GetQueueUrlAsync("sdk-nothing"));
        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => sqs.SendMessageAsync($"{fixture.Server.Endpoint}/000000000000/sdk-nothing", "x"));
        var invalid = await Assert.ThrowsAsync<InvalidAttributeValueException>(() =>
            sqs.SetQueueAttributesAsync(url, new Dictionary<string, string> { ["MessageRetentionPeriod"] = "10" }));
        Assert.Equal("Invalid value for the parameter MessageRetentionPeriod.", invalid.Message);
        var tooBig = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.SendMessageAsync(url, new string('x', 262_145)));
        Assert.Equal("InvalidParameterValue", tooBig.ErrorCode);
        await Assert.ThrowsAsync<QueueNameExistsException>(() =>
            sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "sdk-batch", Attributes = new() { ["DelaySeconds"] = "3" } }));

        await sqs.PurgeQueueAsync(url);
        await sqs.DeleteQueueAsync(url);
        Assert.DoesNotContain(url, (await sqs.ListQueuesAsync(new ListQueuesRequest())).QueueUrls ?? []);
    }
}
