namespace Fulmen.Server.Tests.Fuzz;

/// <summary>Valid SNS requests (query protocol) against <see cref="FuzzResources"/>'s topics, subscription and queue.</summary>
internal static class SnsSeeds
{
    public static bool For(string operation, Seed seed, FuzzResources r, Random random)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", operation), new("Version", "2010-03-31") };
        void Add(string key, string? value) => form.Add(new(key, value ?? "missing"));
        var fifo = random.Next(4) == 0;
        var topic = fifo ? r.FifoTopicArn : r.TopicArn;
        switch (operation)
        {
            case "CreateTopic":
                Add("Name", $"{r.Prefix}-t{random.Next(3)}");
                Add("Attributes.entry.1.key", "DisplayName");
                Add("Attributes.entry.1.value", "d");
                Add("Tags.member.1.Key", "k");
                Add("Tags.member.1.Value", "v");
                break;
            case "DeleteTopic":
                Add("TopicArn", $"arn:aws:sns:us-east-1:{FuzzResources.Account}:{r.Prefix}-t{random.Next(3)}");
                break;
            case "ListTopics" or "ListSubscriptions":
                break;
            case "GetTopicAttributes" or "ListSubscriptionsByTopic":
                Add("TopicArn", topic);
                break;
            case "SetTopicAttributes":
                Add("TopicArn", r.TopicArn);
                Add("AttributeName", "DeliveryPolicy");
                Add("AttributeValue", """{"http":{"defaultHealthyRetryPolicy":{"numRetries":2,"minDelayTarget":1,"maxDelayTarget":5}}}""");
                break;
            case "Subscribe":
                Add("TopicArn", topic);
                Add("Protocol", "sqs");
                Add("Endpoint", $"arn:aws:sqs:us-east-1:{FuzzResources.Account}:{r.TopicQueue}");
                Add("Attributes.entry.1.key", "FilterPolicy");
                Add("Attributes.entry.1.value", """{"kind":["a",{"prefix":"b"}],"n":[{"numeric":[">",1]}]}""");
                Add("ReturnSubscriptionArn", "true");
                break;
            case "ConfirmSubscription":
                Add("TopicArn", topic);
                Add("Token", "0123456789abcdef");
                break;
            case "Unsubscribe" or "GetSubscriptionAttributes":
                Add("SubscriptionArn", r.SubscriptionArn);
                break;
            case "SetSubscriptionAttributes":
                Add("SubscriptionArn", r.SubscriptionArn);
                Add("AttributeName", random.Next(2) == 0 ? "RawMessageDelivery" : "FilterPolicy");
                Add("AttributeValue", form[^1].Value == "RawMessageDelivery" ? "true" : """{"kind":[{"anything-but":["x"]}]}""");
                break;
            case "Publish":
                Add("TopicArn", topic);
                Add("Message", """{"default":"m","sqs":"q"}""");
                Add("MessageStructure", "json");
                Add("Subject", "s");
                Add("MessageAttributes.entry.1.Name", "kind");
                Add("MessageAttributes.entry.1.Value.DataType", "String");
                Add("MessageAttributes.entry.1.Value.StringValue", "a");
                if (fifo)
                {
                    Add("MessageGroupId", "g");
                }
                break;
            case "PublishBatch":
                Add("TopicArn", topic);
                for (var i = 1; i <= 2; i++)
                {
                    Add($"PublishBatchRequestEntries.member.{i}.Id", $"e{i}");
                    Add($"PublishBatchRequestEntries.member.{i}.Message", $"m{i}");
                    Add($"PublishBatchRequestEntries.member.{i}.MessageAttributes.entry.1.Name", "n");
                    Add($"PublishBatchRequestEntries.member.{i}.MessageAttributes.entry.1.Value.DataType", "Number");
                    Add($"PublishBatchRequestEntries.member.{i}.MessageAttributes.entry.1.Value.StringValue", $"{i}");
                    if (fifo)
                    {
                        Add($"PublishBatchRequestEntries.member.{i}.MessageGroupId", "g");
                    }
                }
                break;
            case "TagResource":
                Add("ResourceArn", topic);
                Add("Tags.member.1.Key", "k");
                Add("Tags.member.1.Value", "v");
                break;
            case "UntagResource":
                Add("ResourceArn", topic);
                Add("TagKeys.member.1", "k");
                break;
            case "ListTagsForResource":
                Add("ResourceArn", topic);
                break;
            default:
                return false;
        }
        seed.Form = form;
        return true;
    }
}
