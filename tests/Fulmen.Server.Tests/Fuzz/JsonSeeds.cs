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
        "events" => Events(operation.Operation, seed, r, random),
        _ => false,
    };

    /// <summary>
    /// EventBridge against the set's rule on the default bus (its targets are the set's function and queue) and a
    /// custom bus some requests create; the last choice of each is what exists, as the read checks need.
    /// </summary>
    private static bool Events(string operation, Seed seed, FuzzResources r, Random random)
    {
        var bus = random.Next(3) == 0 ? $"{r.Prefix}-bus" : "default";
        var rule = random.Next(3) == 0 ? $"{r.Prefix}-rule{random.Next(2)}" : r.Rule;
        var busArn = $"arn:aws:events:us-east-1:{FuzzResources.Account}:event-bus/default";
        var archive = $"{r.Prefix}-archive";
        var archiveArn = $"arn:aws:events:us-east-1:{FuzzResources.Account}:archive/{archive}";
        var replay = $"{r.Prefix}-replay{random.Next(2)}";
        JsonObject Target(string id) => id == "fn"
            ? new JsonObject
            {
                ["Id"] = "fn", ["Arn"] = r.FunctionArn,
                ["RetryPolicy"] = new JsonObject { ["MaximumRetryAttempts"] = 3, ["MaximumEventAgeInSeconds"] = 600 },
                // A dead-letter queue that does not exist: a refused send is counted, and the set's queue sees nothing of it.
                ["DeadLetterConfig"] = new JsonObject { ["Arn"] = $"arn:aws:sqs:us-east-1:{FuzzResources.Account}:{r.Prefix}-dlq" },
            }
            : new JsonObject
            {
                ["Id"] = id, ["Arn"] = r.QueueArn,
                ["InputTransformer"] = new JsonObject
                {
                    ["InputPathsMap"] = new JsonObject { ["marker"] = "$.detail.marker" },
                    ["InputTemplate"] = """{"marker": <marker>, "rule": "<aws.events.rule-name>"}""",
                },
            };
        seed.Json = operation switch
        {
            "CreateEventBus" => new JsonObject { ["Name"] = $"{r.Prefix}-bus", ["Description"] = "fuzz", ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "k", ["Value"] = "v" }) },
            "DescribeEventBus" => new JsonObject { ["Name"] = random.Next(2) == 0 ? $"{r.Prefix}-bus" : "default" },
            "ListEventBuses" => new JsonObject { ["NamePrefix"] = random.Next(2) == 0 ? r.Prefix : "", ["Limit"] = 10 },
            "DeleteEventBus" => new JsonObject { ["Name"] = $"{r.Prefix}-bus" },
            "PutRule" => new JsonObject
            {
                ["Name"] = rule, ["EventBusName"] = bus, ["EventPattern"] = """{"source":["fuzz"],"detail":{"n":[{"numeric":[">",0]}]}}""",
                ["State"] = "ENABLED", ["Description"] = "fuzz",
            },
            "DescribeRule" or "EnableRule" or "DisableRule" or "DeleteRule" => new JsonObject { ["Name"] = random.Next(2) == 0 ? rule : r.Rule },
            "ListRules" => new JsonObject { ["NamePrefix"] = r.Prefix, ["Limit"] = 5 },
            "PutTargets" => new JsonObject { ["Rule"] = rule, ["Targets"] = new JsonArray(Target("fn"), Target("q")) },
            "RemoveTargets" => new JsonObject { ["Rule"] = rule, ["Ids"] = new JsonArray("q") },
            "ListTargetsByRule" => new JsonObject { ["Rule"] = r.Rule, ["Limit"] = 10 },
            "ListRuleNamesByTarget" => new JsonObject { ["TargetArn"] = r.FunctionArn },
            "TestEventPattern" => new JsonObject
            {
                ["EventPattern"] = """{"source":["fuzz"]}""",
                ["Event"] = """{"id":"1","account":"000000000000","source":"fuzz","time":"2024-01-01T00:00:00Z","region":"us-east-1","detail-type":"t","resources":[],"detail":{}}""",
            },
            "PutEvents" => new JsonObject
            {
                ["Entries"] = new JsonArray(new JsonObject
                {
                    ["Source"] = "fuzz", ["DetailType"] = "Fuzz", ["Detail"] = """{"n":1,"marker":"fuzz-event"}""", ["EventBusName"] = bus,
                    ["Resources"] = new JsonArray(r.FunctionArn),
                }),
            },
            "TagResource" => new JsonObject { ["ResourceARN"] = r.RuleArn, ["Tags"] = new JsonArray(new JsonObject { ["Key"] = "k", ["Value"] = "v" }) },
            "UntagResource" => new JsonObject { ["ResourceARN"] = r.RuleArn, ["TagKeys"] = new JsonArray("k") },
            "ListTagsForResource" => new JsonObject { ["ResourceARN"] = random.Next(2) == 0 ? $"arn:aws:events:us-east-1:{FuzzResources.Account}:event-bus/default" : r.RuleArn },
            "CreateArchive" => new JsonObject
            {
                ["ArchiveName"] = archive, ["EventSourceArn"] = busArn, ["Description"] = "fuzz",
                ["EventPattern"] = """{"source":["fuzz"]}""", ["RetentionDays"] = 1,
            },
            "DescribeArchive" or "DeleteArchive" => new JsonObject { ["ArchiveName"] = archive },
            "UpdateArchive" => new JsonObject { ["ArchiveName"] = archive, ["Description"] = "fuzz2", ["RetentionDays"] = 2 },
            "ListArchives" => new JsonObject { ["NamePrefix"] = r.Prefix, ["Limit"] = 10 },
            "StartReplay" => new JsonObject
            {
                ["ReplayName"] = replay, ["EventSourceArn"] = archiveArn, ["EventStartTime"] = 1_704_067_200, ["EventEndTime"] = 1_704_153_600,
                ["Destination"] = new JsonObject { ["Arn"] = busArn, ["FilterArns"] = new JsonArray(r.RuleArn) },
            },
            "DescribeReplay" or "CancelReplay" => new JsonObject { ["ReplayName"] = replay },
            "ListReplays" => new JsonObject { ["NamePrefix"] = r.Prefix, ["Limit"] = 10 },
            _ => null,
        };
        return seed.Json is not null;
    }

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
