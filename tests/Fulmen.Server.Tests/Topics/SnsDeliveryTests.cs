using System.Text.Json;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Topics;

/// <summary>
/// Publish through the AWS CLI and what arrives: a function invoked asynchronously by <c>sns.amazonaws.com</c> with the
/// SNS event as AWS sends it (checked against Powertools' <c>SnsSchema</c>), and only with its permission; a queue gets
/// the JSON envelope or the raw message with its attributes; filter policies on attributes and on the body let exactly
/// the matching messages through; <c>MessageStructure: json</c> gives each protocol its own message.
/// </summary>
[Trait("Backend", "Both")]
public sealed class SnsDeliveryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SnsClient Sns => new(fixture.Lambda.Aws);

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task LambdaSubscription_WithPermission_GetsTheSnsEvent()
    {
        var topic = await Sns.CreateTopicAsync("to-lambda");
        var recorder = new Recorder(fixture.Server, "sns-lambda");
        await fixture.Http.CreateFunctionAsync("sns-recorder", Recorder.DestinationFunction, recorder.Settings());
        var function = $"arn:aws:lambda:us-east-1:{SnsClient.Account}:function:sns-recorder";
        await Aws.SucceedAsync("lambda", "add-permission", "--function-name", "sns-recorder", "--statement-id", "sns", "--action", "lambda:InvokeFunction",
            "--principal", "sns.amazonaws.com", "--source-arn", topic);
        var subscription = await Sns.SubscribeAsync(topic, "lambda", function);

        var messageId = await Sns.PublishAsync(topic, """{"orderId":"o-1"}""", "--subject", "OrderPlaced",
            "--message-attributes", """{"eventType":{"DataType":"String","StringValue":"OrderPlaced"},"priority":{"DataType":"Number","StringValue":"2"}}""");

        var record = Assert.Single(await recorder.RecordsAsync(1, TimeSpan.FromSeconds(60))).GetProperty("Records")[0];
        Assert.Equal("aws:sns", record.GetProperty("EventSource").GetString());
        Assert.Equal("1.0", record.GetProperty("EventVersion").GetString());
        Assert.Equal(subscription, record.GetProperty("EventSubscriptionArn").GetString());
        var sns = record.GetProperty("Sns");
        string[] members = ["Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertUrl", "UnsubscribeUrl", "MessageAttributes"];
        Assert.Equal(members, sns.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Notification", sns.GetProperty("Type").GetString());
        Assert.Equal(messageId, sns.GetProperty("MessageId").GetString());
        Assert.Equal(topic, sns.GetProperty("TopicArn").GetString());
        Assert.Equal("OrderPlaced", sns.GetProperty("Subject").GetString());
        Assert.Equal("""{"orderId":"o-1"}""", sns.GetProperty("Message").GetString());
        Assert.Equal("1", sns.GetProperty("SignatureVersion").GetString());
        Assert.NotEmpty(Convert.FromBase64String(sns.GetProperty("Signature").GetString()!));
        Assert.Contains(subscription, sns.GetProperty("UnsubscribeUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal("Number", sns.GetProperty("MessageAttributes").GetProperty("priority").GetProperty("Type").GetString());
        Assert.Equal("2", sns.GetProperty("MessageAttributes").GetProperty("priority").GetProperty("Value").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", sns.GetProperty("Timestamp").GetString()!);
        await RecordedEvents.ValidateAsync("SnsSchema", recorder.Files("record-"));

        // The signing certificate is where the event says.
        var certificate = await fixture.Http.DownloadAsync(sns.GetProperty("SigningCertUrl").GetString()!);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", System.Text.Encoding.ASCII.GetString(certificate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LambdaSubscription_WithoutPermission_NotInvoked_MessageGoesToTheDeadLetterQueue()
    {
        var topic = await Sns.CreateTopicAsync("to-lambda-denied");
        var recorder = new Recorder(fixture.Server, "sns-denied");
        await fixture.Http.CreateFunctionAsync("sns-denied", Recorder.DestinationFunction, recorder.Settings());
        var dlq = await Sns.CreateQueueAsync("sns-denied-dlq");
        await Sns.SubscribeAsync(topic, "lambda", $"arn:aws:lambda:us-east-1:{SnsClient.Account}:function:sns-denied",
            $$"""{"RedrivePolicy":"{\"deadLetterTargetArn\":\"{{SnsClient.QueueArn("sns-denied-dlq")}}\"}"}""");

        var messageId = await Sns.PublishAsync(topic, "not for you");

        var dead = SnsClient.Body(Assert.Single(await Sns.ReceiveAsync(dlq, 1)));
        Assert.Equal(messageId, dead.GetProperty("MessageId").GetString());
        Assert.Equal("not for you", dead.GetProperty("Message").GetString());
        Assert.Empty(recorder.Files("record-"));
    }

    [Fact]
    public async Task QueueSubscriptions_EnvelopeOrRawMessage()
    {
        var topic = await Sns.CreateTopicAsync("to-queues");
        var enveloped = await Sns.CreateQueueAsync("sns-enveloped");
        var raw = await Sns.CreateQueueAsync("sns-raw");
        var subscription = await Sns.SubscribeAsync(topic, "sqs", SnsClient.QueueArn("sns-enveloped"));
        await Sns.SubscribeAsync(topic, "sqs", SnsClient.QueueArn("sns-raw"), """{"RawMessageDelivery":"true"}""");

        var messageId = await Sns.PublishAsync(topic, "hello queues", "--message-attributes",
            """{"color":{"DataType":"String","StringValue":"blue"},"size":{"DataType":"Number","StringValue":"7"},"tags":{"DataType":"String.Array","StringValue":"[\"a\",\"b\"]"}}""");

        var envelope = SnsClient.Body(Assert.Single(await Sns.ReceiveAsync(enveloped, 1)));
        Assert.Equal("Notification", envelope.GetProperty("Type").GetString());
        Assert.Equal(messageId, envelope.GetProperty("MessageId").GetString());
        Assert.Equal(topic, envelope.GetProperty("TopicArn").GetString());
        Assert.Equal("hello queues", envelope.GetProperty("Message").GetString());
        Assert.False(envelope.TryGetProperty("Subject", out _));
        Assert.Equal("1", envelope.GetProperty("SignatureVersion").GetString());
        Assert.True(envelope.TryGetProperty("Signature", out _));
        Assert.True(envelope.TryGetProperty("SigningCertURL", out _));
        Assert.Contains(subscription, envelope.GetProperty("UnsubscribeURL").GetString(), StringComparison.Ordinal);
        Assert.Equal("blue", envelope.GetProperty("MessageAttributes").GetProperty("color").GetProperty("Value").GetString());
        Assert.Equal("String.Array", envelope.GetProperty("MessageAttributes").GetProperty("tags").GetProperty("Type").GetString());

        var message = Assert.Single(await Sns.ReceiveAsync(raw, 1));
        Assert.Equal("hello queues", message.GetProperty("Body").GetString());
        var attributes = message.GetProperty("MessageAttributes");
        Assert.Equal("blue", attributes.GetProperty("color").GetProperty("StringValue").GetString());
        Assert.Equal("Number", attributes.GetProperty("size").GetProperty("DataType").GetString());
        Assert.Equal("""["a","b"]""", attributes.GetProperty("tags").GetProperty("StringValue").GetString());
    }

    [Fact]
    public async Task FilterPolicies_OnAttributesAndOnTheBody_DeliverExactlyTheMatchingMessages()
    {
        var topic = await Sns.CreateTopicAsync("filtered");
        var byAttributes = await Sns.CreateQueueAsync("filter-attributes");
        var byBody = await Sns.CreateQueueAsync("filter-body");
        await Sns.SubscribeAsync(topic, "sqs", SnsClient.QueueArn("filter-attributes"), """{"RawMessageDelivery":"true","FilterPolicy":"{\"store\":[\"eu\",{\"prefix\":\"us-\"}],\"price\":[{\"numeric\":[\">\",100]}],\"$or\":[{\"kind\":[\"order\"]},{\"kind\":[{\"anything-but\":[\"test\",\"order\"]}],\"vip\":[{\"exists\":true}]}]}"}""");
        await Sns.SubscribeAsync(topic, "sqs", SnsClient.QueueArn("filter-body"), """{"RawMessageDelivery":"true","FilterPolicyScope":"MessageBody","FilterPolicy":"{\"order\":{\"total\":[{\"numeric\":[\">=\",10,\"<\",20]}],\"lines\":{\"sku\":[\"A-1\"]}}}"}""");

        async Task PublishAsync(string message, string store, double price, string kind, bool vip = false)
        {
            var attributes = new Dictionary<string, object>
            {
                ["store"] = new { DataType = "String", StringValue = store },
                ["price"] = new { DataType = "Number", StringValue = price.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["kind"] = new { DataType = "String", StringValue = kind },
            };
            if (vip)
            {
                attributes["vip"] = new { DataType = "String", StringValue = "yes" };
            }
            await Sns.PublishAsync(topic, message, "--message-attributes", JsonSerializer.Serialize(attributes));
        }

        await PublishAsync("a1", "eu", 150, "order");                       // matches
        await PublishAsync("a2", "us-west", 101.5, "refund", vip: true);    // matches through the second branch
        await PublishAsync("n1", "asia", 150, "order");                     // store
        await PublishAsync("n2", "eu", 100, "order");                       // price
        await PublishAsync("n3", "eu", 150, "refund");                      // no branch of $or
        await PublishAsync("n4", "eu", 150, "test", vip: true);             // anything-but
        await Sns.PublishAsync(topic, """{"order":{"total":12,"lines":[{"sku":"A-1"},{"sku":"B-2"}]}}""");   // body matches
        await Sns.PublishAsync(topic, """{"order":{"total":25,"lines":[{"sku":"A-1"}]}}""");                 // total
        await Sns.PublishAsync(topic, """{"order":{"total":12,"lines":[{"sku":"C-3"}]}}""");                 // sku
        await Sns.PublishAsync(topic, "plain text is no JSON body");

        var attributeMatches = (await Sns.ReceiveAsync(byAttributes, 2)).Select(m => m.GetProperty("Body").GetString()).Order().ToList();
        Assert.Equal(["a1", "a2"], attributeMatches);
        var bodyMatch = Assert.Single(await Sns.ReceiveAsync(byBody, 1));
        Assert.Contains("B-2", bodyMatch.GetProperty("Body").GetString(), StringComparison.Ordinal);
        await Sns.AssertEmptyAsync(byAttributes);
        await Sns.AssertEmptyAsync(byBody);
    }

    [Fact]
    public async Task MessageStructureJson_EachProtocolGetsItsOwnMessage_PublishBatchToo()
    {
        var topic = await Sns.CreateTopicAsync("structured");
        var url = await Sns.CreateQueueAsync("structured-q");
        await Sns.SubscribeAsync(topic, "sqs", SnsClient.QueueArn("structured-q"), """{"RawMessageDelivery":"true"}""");

        await Sns.PublishAsync(topic, """{"default":"for everyone","sqs":"for queues"}""", "--message-structure", "json");
        await Sns.PublishAsync(topic, """{"default":"for everyone","lambda":"for functions"}""", "--message-structure", "json");
        Assert.Equal(["for everyone", "for queues"], (await Sns.ReceiveAsync(url, 2)).Select(m => m.GetProperty("Body").GetString()).Order());

        var batch = (await Aws.SucceedAsync("sns", "publish-batch", "--topic-arn", topic, "--publish-batch-request-entries",
            "Id=one,Message=first", "Id=two,Message=second")).Json;
        Assert.Equal(["one", "two"], batch.GetProperty("Successful").EnumerateArray().Select(e => e.GetProperty("Id").GetString()));
        Assert.Empty(batch.GetProperty("Failed").EnumerateArray());
        Assert.Equal(["first", "second"], (await Sns.ReceiveAsync(url, 2)).Select(m => m.GetProperty("Body").GetString()).Order());

        LambdaCli.AssertServiceError(await Aws.RunAsync("sns", "publish-batch", "--topic-arn", topic, "--publish-batch-request-entries",
            "Id=same,Message=a", "Id=same,Message=b"), "BatchEntryIdsNotDistinct", "PublishBatch", "Two or more batch entries in the request have the same Id.");
    }
}
