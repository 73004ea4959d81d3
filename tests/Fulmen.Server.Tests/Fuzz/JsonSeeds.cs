using System.Text.Json.Nodes;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>
/// Valid requests for operations of JSON 1.0/1.1 services (<c>X-Amz-Target</c>), as the current AWS SDKs send them.
/// A service that speaks the query protocol too (SQS) has its form seeds in <see cref="OperationSeeds"/>.
/// </summary>
internal static class JsonSeeds
{
    public static bool For(OperationInfo operation, Seed seed, FuzzResources r, Random random) => operation.Service switch
    {
        "sqs" => Sqs(operation.Operation, seed, r, random),
        _ => false,
    };

    private static bool Sqs(string operation, Seed seed, FuzzResources r, Random random)
    {
        // One request in four addresses the FIFO queue, with a message group on its sends.
        var fifo = random.Next(4) == 0;
        var queue = fifo ? r.FifoQueueUrl : r.QueueUrl;
        var receipt = "AQEBfuzzreceipthandle";
        JsonObject Message(string id)
        {
            var message = new JsonObject
            {
                ["Id"] = id, ["MessageBody"] = "hello", ["DelaySeconds"] = 0,
                ["MessageAttributes"] = new JsonObject { ["k"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "v" } },
            };
            if (fifo)
            {
                message["MessageGroupId"] = $"g{random.Next(2)}";
            }
            return message;
        }
        seed.Json = operation switch
        {
            "CreateQueue" => new JsonObject
            {
                ["QueueName"] = $"{r.Prefix}-q{random.Next(3)}",
                ["Attributes"] = new JsonObject { ["VisibilityTimeout"] = "30", ["DelaySeconds"] = "0", ["MessageRetentionPeriod"] = "345600" },
                ["tags"] = new JsonObject { ["team"] = "fuzz" },
            },
            "DeleteQueue" or "PurgeQueue" or "ListQueueTags" or "ListDeadLetterSourceQueues" => new JsonObject { ["QueueUrl"] = queue },
            "ListQueues" => new JsonObject { ["QueueNamePrefix"] = r.Prefix, ["MaxResults"] = 10 },
            "GetQueueUrl" => new JsonObject { ["QueueName"] = r.Queue, ["QueueOwnerAWSAccountId"] = FuzzResources.Account },
            "GetQueueAttributes" => new JsonObject { ["QueueUrl"] = queue, ["AttributeNames"] = new JsonArray("All") },
            "SetQueueAttributes" => new JsonObject
            {
                ["QueueUrl"] = queue,
                ["Attributes"] = new JsonObject { ["VisibilityTimeout"] = "20", ["ReceiveMessageWaitTimeSeconds"] = "0", ["MaximumMessageSize"] = "262144" },
            },
            "TagQueue" => new JsonObject { ["QueueUrl"] = queue, ["Tags"] = new JsonObject { ["k"] = "v" } },
            "UntagQueue" => new JsonObject { ["QueueUrl"] = queue, ["TagKeys"] = new JsonArray("k") },
            "SendMessage" => new JsonObject
            {
                ["QueueUrl"] = queue, ["MessageBody"] = "{\"hello\":\"world\"}", ["DelaySeconds"] = 0,
                ["MessageAttributes"] = new JsonObject
                {
                    ["s"] = new JsonObject { ["DataType"] = "String", ["StringValue"] = "v" },
                    ["n"] = new JsonObject { ["DataType"] = "Number", ["StringValue"] = "1.5" },
                    ["b"] = new JsonObject { ["DataType"] = "Binary", ["BinaryValue"] = "AAEC" },
                },
            },
            "SendMessageBatch" => new JsonObject { ["QueueUrl"] = queue, ["Entries"] = new JsonArray(Message("a"), Message("b")) },
            "ReceiveMessage" => new JsonObject
            {
                ["QueueUrl"] = queue, ["MaxNumberOfMessages"] = 10, ["WaitTimeSeconds"] = 0, ["VisibilityTimeout"] = 5,
                ["MessageSystemAttributeNames"] = new JsonArray("All"), ["MessageAttributeNames"] = new JsonArray("All"),
            },
            "DeleteMessage" => new JsonObject { ["QueueUrl"] = queue, ["ReceiptHandle"] = receipt },
            "DeleteMessageBatch" => new JsonObject
            {
                ["QueueUrl"] = queue, ["Entries"] = new JsonArray(new JsonObject { ["Id"] = "a", ["ReceiptHandle"] = receipt }),
            },
            "ChangeMessageVisibility" => new JsonObject { ["QueueUrl"] = queue, ["ReceiptHandle"] = receipt, ["VisibilityTimeout"] = 10 },
            "ChangeMessageVisibilityBatch" => new JsonObject
            {
                ["QueueUrl"] = queue,
                ["Entries"] = new JsonArray(new JsonObject { ["Id"] = "a", ["ReceiptHandle"] = receipt, ["VisibilityTimeout"] = 10 }),
            },
            "AddPermission" => new JsonObject
            {
                ["QueueUrl"] = queue, ["Label"] = "fuzz", ["AWSAccountIds"] = new JsonArray(FuzzResources.Account), ["Actions"] = new JsonArray("SendMessage"),
            },
            "RemovePermission" => new JsonObject { ["QueueUrl"] = queue, ["Label"] = "fuzz" },
            "StartMessageMoveTask" => new JsonObject { ["SourceArn"] = r.QueueArn, ["MaxNumberOfMessagesPerSecond"] = 10 },
            // The queue exists: after a run, a read of it must still answer.
            "ListMessageMoveTasks" => new JsonObject { ["SourceArn"] = r.QueueArn, ["MaxResults"] = 10 },
            "CancelMessageMoveTask" => new JsonObject { ["TaskHandle"] = "fuzz-task" },
            _ => null,
        };
        if (fifo && operation == "SendMessage")
        {
            seed.Json!["MessageGroupId"] = "g0";
        }
        return seed.Json is not null;
    }
}
