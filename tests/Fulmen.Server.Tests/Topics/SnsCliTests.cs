using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Topics;

/// <summary>
/// Topics and subscriptions through the AWS CLI: create (standard and FIFO, idempotent), list, attributes with SNS's
/// defaults, tags, subscriptions and their attributes, and SNS's errors for what it refuses.
/// </summary>
[Trait("Backend", "Both")]
public sealed class SnsCliTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SnsClient Sns => new(fixture.Lambda.Aws);

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task CreateTopic_Attributes_DefaultsAndSettable_AndIdempotent()
    {
        var arn = await Sns.CreateTopicAsync("orders", "--attributes", "DisplayName=Orders");
        Assert.Equal(SnsClient.TopicArn("orders"), arn);
        Assert.Equal(arn, await Sns.CreateTopicAsync("orders", "--attributes", "DisplayName=Orders"));
        var attributes = (await Aws.SucceedAsync("sns", "get-topic-attributes", "--topic-arn", arn)).Json.GetProperty("Attributes");
        Assert.Equal("Orders", attributes.GetProperty("DisplayName").GetString());
        Assert.Equal(SnsClient.Account, attributes.GetProperty("Owner").GetString());
        Assert.Equal(arn, attributes.GetProperty("TopicArn").GetString());
        Assert.Equal("0", attributes.GetProperty("SubscriptionsConfirmed").GetString());
        Assert.False(attributes.TryGetProperty("FifoTopic", out _));
        var policy = JsonDocument.Parse(attributes.GetProperty("Policy").GetString()!).RootElement;
        Assert.Equal(arn, policy.GetProperty("Statement")[0].GetProperty("Resource").GetString());
        var delivery = JsonDocument.Parse(attributes.GetProperty("EffectiveDeliveryPolicy").GetString()!).RootElement;
        Assert.Equal(3, delivery.GetProperty("http").GetProperty("defaultHealthyRetryPolicy").GetProperty("numRetries").GetInt32());

        await Aws.SucceedAsync("sns", "set-topic-attributes", "--topic-arn", arn, "--attribute-name", "DisplayName", "--attribute-value", "Renamed");
        attributes = (await Aws.SucceedAsync("sns", "get-topic-attributes", "--topic-arn", arn)).Json.GetProperty("Attributes");
        Assert.Equal("Renamed", attributes.GetProperty("DisplayName").GetString());

        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "create-topic", "--name", "orders", "--attributes", "DisplayName=Other"),
            "InvalidParameter", "CreateTopic", "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "set-topic-attributes", "--topic-arn", arn, "--attribute-name", "Bogus", "--attribute-value", "x"),
            "InvalidParameter", "SetTopicAttributes", "Invalid parameter: AttributeName");
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "set-topic-attributes", "--topic-arn", arn, "--attribute-name", "ContentBasedDeduplication", "--attribute-value", "true"),
            "InvalidParameter", "SetTopicAttributes", "Invalid parameter: Attributes Reason: ContentBasedDeduplication: Content based deduplication can only be set for FIFO topics");
    }

    [Fact]
    public async Task FifoTopics_NeedTheSuffixAndTheAttribute()
    {
        var arn = await Sns.CreateTopicAsync("events.fifo", "--attributes", "FifoTopic=true,ContentBasedDeduplication=true");
        var attributes = (await Aws.SucceedAsync("sns", "get-topic-attributes", "--topic-arn", arn)).Json.GetProperty("Attributes");
        Assert.Equal("true", attributes.GetProperty("FifoTopic").GetString());
        Assert.Equal("true", attributes.GetProperty("ContentBasedDeduplication").GetString());

        const string rule = "Invalid parameter: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.";
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "create-topic", "--name", "plain.fifo"), "InvalidParameter", "CreateTopic", rule);
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "create-topic", "--name", "nosuffix", "--attributes", "FifoTopic=true"), "InvalidParameter", "CreateTopic", rule);
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "create-topic", "--name", "bad name"), "InvalidParameter", "CreateTopic", "Invalid parameter: Topic Name");
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "publish", "--topic-arn", arn, "--message", "m"),
            "InvalidParameter", "Publish", "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
    }

    [Fact]
    public async Task ListTopics_DeleteTopic_MissingTopicIsNotFound()
    {
        var arn = await Sns.CreateTopicAsync("short-lived");
        var topics = (await Aws.SucceedAsync("sns", "list-topics")).Json.GetProperty("Topics").EnumerateArray().Select(t => t.GetProperty("TopicArn").GetString()).ToList();
        Assert.Contains(arn, topics);
        await Sns.CreateQueueAsync("short-lived-q");
        await Sns.SubscribeAsync(arn, "sqs", SnsClient.QueueArn("short-lived-q"));

        await Aws.SucceedAsync("sns", "delete-topic", "--topic-arn", arn);
        await Aws.SucceedAsync("sns", "delete-topic", "--topic-arn", arn);

        topics = (await Aws.SucceedAsync("sns", "list-topics")).Json.GetProperty("Topics").EnumerateArray().Select(t => t.GetProperty("TopicArn").GetString()).ToList();
        Assert.DoesNotContain(arn, topics);
        var subscriptions = (await Aws.SucceedAsync("sns", "list-subscriptions")).Json.GetProperty("Subscriptions");
        Assert.DoesNotContain(subscriptions.EnumerateArray(), s => s.GetProperty("TopicArn").GetString() == arn);
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "get-topic-attributes", "--topic-arn", arn), "NotFound", "GetTopicAttributes", "Topic does not exist");
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "publish", "--topic-arn", arn, "--message", "m"), "NotFound", "Publish", "Topic does not exist");
    }

    [Fact]
    public async Task Tags_TagListUntag_AndTheQuota()
    {
        var arn = await Sns.CreateTopicAsync("tagged", "--tags", "Key=team,Value=a");
        await Aws.SucceedAsync("sns", "tag-resource", "--resource-arn", arn, "--tags", "Key=env,Value=dev", "Key=team,Value=b");
        var tags = (await Aws.SucceedAsync("sns", "list-tags-for-resource", "--resource-arn", arn)).Json.GetProperty("Tags");
        Assert.Equal(["env=dev", "team=b"], tags.EnumerateArray().Select(t => $"{t.GetProperty("Key").GetString()}={t.GetProperty("Value").GetString()}"));
        await Aws.SucceedAsync("sns", "untag-resource", "--resource-arn", arn, "--tag-keys", "team");
        tags = (await Aws.SucceedAsync("sns", "list-tags-for-resource", "--resource-arn", arn)).Json.GetProperty("Tags");
        Assert.Equal(["env"], tags.EnumerateArray().Select(t => t.GetProperty("Key").GetString()));

        var many = Enumerable.Range(0, 50).Select(i => $"Key=k{i},Value=v").ToArray();
        LambdaCli.AssertServiceError(await Aws.RunAsync(["sns", "tag-resource", "--resource-arn", arn, "--tags", .. many]),
            "TagLimitExceeded", "TagResource", "Could not complete request: tag quota of per resource exceeded");
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "list-tags-for-resource", "--resource-arn", SnsClient.TopicArn("no-such-topic")),
            "ResourceNotFound", "ListTagsForResource", "Resource does not exist");
    }

    [Fact]
    public async Task Subscriptions_ListGetSetUnsubscribe()
    {
        var arn = await Sns.CreateTopicAsync("subs");
        await Sns.CreateQueueAsync("subs-q");
        var subscription = await Sns.SubscribeAsync(arn, "sqs", SnsClient.QueueArn("subs-q"));
        Assert.StartsWith(arn + ":", subscription, StringComparison.Ordinal);
        // The same endpoint again is the same subscription.
        Assert.Equal(subscription, await Sns.SubscribeAsync(arn, "sqs", SnsClient.QueueArn("subs-q")));

        var listed = Assert.Single((await Aws.SucceedAsync("sns", "list-subscriptions-by-topic", "--topic-arn", arn)).Json.GetProperty("Subscriptions").EnumerateArray());
        Assert.Equal(subscription, listed.GetProperty("SubscriptionArn").GetString());
        Assert.Equal("sqs", listed.GetProperty("Protocol").GetString());
        Assert.Equal(SnsClient.QueueArn("subs-q"), listed.GetProperty("Endpoint").GetString());
        Assert.Equal(SnsClient.Account, listed.GetProperty("Owner").GetString());

        await Aws.SucceedAsync("sns", "set-subscription-attributes", "--subscription-arn", subscription, "--attribute-name", "RawMessageDelivery", "--attribute-value", "true");
        await Aws.SucceedAsync("sns", "set-subscription-attributes", "--subscription-arn", subscription, "--attribute-name", "FilterPolicy", "--attribute-value", """{"kind":["a"]}""");
        var attributes = (await Aws.SucceedAsync("sns", "get-subscription-attributes", "--subscription-arn", subscription)).Json.GetProperty("Attributes");
        Assert.Equal("true", attributes.GetProperty("RawMessageDelivery").GetString());
        Assert.Equal("""{"kind":["a"]}""", attributes.GetProperty("FilterPolicy").GetString());
        Assert.Equal("MessageAttributes", attributes.GetProperty("FilterPolicyScope").GetString());
        Assert.Equal("false", attributes.GetProperty("PendingConfirmation").GetString());
        Assert.Equal(arn, attributes.GetProperty("TopicArn").GetString());

        var topicAttributes = (await Aws.SucceedAsync("sns", "get-topic-attributes", "--topic-arn", arn)).Json.GetProperty("Attributes");
        Assert.Equal("1", topicAttributes.GetProperty("SubscriptionsConfirmed").GetString());

        await Aws.SucceedAsync("sns", "unsubscribe", "--subscription-arn", subscription);
        Assert.Empty((await Aws.SucceedAsync("sns", "list-subscriptions-by-topic", "--topic-arn", arn)).Json.GetProperty("Subscriptions").EnumerateArray());
        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "get-subscription-attributes", "--subscription-arn", subscription),
            "NotFound", "GetSubscriptionAttributes", "Subscription does not exist");
    }

    [Fact]
    public async Task Subscribe_RefusesWhatSnsRefuses()
    {
        var arn = await Sns.CreateTopicAsync("refusals");
        var queue = SnsClient.QueueArn("refusals-q");
        async Task Refused(string message, params string[] arguments) =>
            LambdaCli.AssertServiceError(await Aws.RunAsync(["sns", "subscribe", "--topic-arn", arn, .. arguments]), "InvalidParameter", "Subscribe", message);

        await Refused("Invalid parameter: Amazon SNS does not support this protocol string: carrier-pigeon", "--protocol", "carrier-pigeon", "--notification-endpoint", "x");
        await Refused("Invalid parameter: SQS endpoint ARN", "--protocol", "sqs", "--notification-endpoint", "not-an-arn");
        await Refused("Invalid parameter: Lambda endpoint ARN", "--protocol", "lambda", "--notification-endpoint", queue);
        await Refused("Invalid parameter: Endpoint must match the specified protocol", "--protocol", "http", "--notification-endpoint", "https://example.com/");
        await Refused("Invalid parameter: FilterPolicy: Unrecognized match type wildcard",
            "--protocol", "sqs", "--notification-endpoint", queue, "--attributes", """{"FilterPolicy":"{\"a\":[{\"wildcard\":\"x*\"}]}"}""");
        await Refused("Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy",
            "--protocol", "sqs", "--notification-endpoint", queue, "--attributes", """{"FilterPolicy":"{\"a\":{\"b\":[\"x\"]}}"}""");
        await Refused("Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys",
            "--protocol", "sqs", "--notification-endpoint", queue, "--attributes", """{"FilterPolicy":"{\"a\":[1],\"b\":[1],\"c\":[1],\"d\":[1],\"e\":[1],\"f\":[1]}"}""");
        await Refused("Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [Elsewhere]. Please use either MessageBody or MessageAttributes",
            "--protocol", "sqs", "--notification-endpoint", queue, "--attributes", """{"FilterPolicyScope":"Elsewhere"}""");
        await Refused("Invalid parameter: Attributes Reason: Delivery protocol [lambda] does not support raw message delivery.",
            "--protocol", "lambda", "--notification-endpoint", "arn:aws:lambda:us-east-1:000000000000:function:f", "--attributes", """{"RawMessageDelivery":"true"}""");
        await Refused("Invalid parameter: Attributes Reason: RedrivePolicy: invalid JSON. Attribute maxReceiveCount is unknown.",
            "--protocol", "sqs", "--notification-endpoint", queue, "--attributes", """{"RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:d\",\"maxReceiveCount\":5}"}""");

        // A nested policy is fine on the body.
        await Sns.SubscribeAsync(arn, "sqs", queue, """{"FilterPolicyScope":"MessageBody","FilterPolicy":"{\"a\":{\"b\":[\"x\"]}}"}""");
    }

    [Fact]
    public async Task Publish_RefusesWhatSnsRefuses()
    {
        var arn = await Sns.CreateTopicAsync("publish-refusals");
        async Task Refused(string message, params string[] arguments) =>
            LambdaCli.AssertServiceError(await Aws.RunAsync(["sns", "publish", "--topic-arn", arn, .. arguments]), "InvalidParameter", "Publish", message);

        // Over the CLI's limit for one argument: from a file.
        var large = Path.Combine(fixture.Server.DataDirectory, "large-message.txt");
        await File.WriteAllTextAsync(large, new string('x', 262_145));
        await Refused("Invalid parameter: Message too long", "--message", $"file://{large}");
        await Refused("Invalid parameter: Message Structure - No JSON message body is parseable", "--message", "not json", "--message-structure", "json");
        await Refused("Invalid parameter: Message Structure - No default entry in JSON message body", "--message", """{"sqs":"x"}""", "--message-structure", "json");
        await Refused("Invalid parameter: Could not cast message attribute 'n' value to number.",
            "--message", "m", "--message-attributes", """{"n":{"DataType":"Number","StringValue":"many"}}""");
        await Refused("Invalid parameter: The message attribute 'x' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.",
            "--message", "m", "--message-attributes", """{"x":{"DataType":"Decimal","StringValue":"1"}}""");
        await Refused("Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type",
            "--message", "m", "--message-deduplication-id", "d");
    }
}
