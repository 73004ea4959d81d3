using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Fulmen.Server.Tests.Infrastructure;

namespace Fulmen.Server.Tests.Topics;

/// <summary>
/// http subscriptions against an endpoint in the test process: the confirmation handshake (SubscribeURL or
/// ConfirmSubscription), notifications with SNS's headers and a signature that verifies with the certificate at
/// SigningCertURL, retries under the subscription's delivery policy, and a delivery that outlives a restart.
/// </summary>
public sealed class SnsHttpTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SnsClient Sns => new(fixture.Lambda.Aws);

    private AwsCli Aws => fixture.Lambda.Aws;

    [Fact]
    public async Task HttpSubscription_ConfirmedThroughSubscribeUrl_ThenNotifiedWithSnsHeadersAndSignature()
    {
        await using var endpoint = new HttpSubscriber();
        var topic = await Sns.CreateTopicAsync("to-http");
        var pending = (await Aws.SucceedAsync("sns", "subscribe", "--topic-arn", topic, "--protocol", "http", "--notification-endpoint", endpoint.Url))
            .Json.GetProperty("SubscriptionArn").GetString();
        Assert.Equal("pending confirmation", pending);

        var confirmation = await endpoint.NextAsync();
        Assert.Equal("SubscriptionConfirmation", confirmation.Header("x-amz-sns-message-type"));
        Assert.Equal(topic, confirmation.Header("x-amz-sns-topic-arn"));
        Assert.Equal("Amazon Simple Notification Service Agent", confirmation.Header("User-Agent"));
        Assert.StartsWith("text/plain", confirmation.Header("Content-Type"), StringComparison.Ordinal);
        var request = confirmation.Json;
        Assert.Equal("SubscriptionConfirmation", request.GetProperty("Type").GetString());
        Assert.Equal(topic, request.GetProperty("TopicArn").GetString());
        var listed = Assert.Single((await Aws.SucceedAsync("sns", "list-subscriptions-by-topic", "--topic-arn", topic)).Json.GetProperty("Subscriptions").EnumerateArray());
        Assert.Equal("PendingConfirmation", listed.GetProperty("SubscriptionArn").GetString());
        await VerifySignatureAsync(request, "Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

        // Visiting SubscribeURL confirms, as a subscriber's code does.
        using var http = new HttpClient();
        var answer = XDocument.Parse(await http.GetStringAsync(request.GetProperty("SubscribeURL").GetString()));
        var subscription = answer.Descendants().Single(e => e.Name.LocalName == "SubscriptionArn").Value;
        Assert.StartsWith(topic + ":", subscription, StringComparison.Ordinal);

        var messageId = await Sns.PublishAsync(topic, "over http", "--subject", "Hi");
        var notification = await endpoint.NextAsync();
        Assert.Equal("Notification", notification.Header("x-amz-sns-message-type"));
        Assert.Equal(messageId, notification.Header("x-amz-sns-message-id"));
        Assert.Equal(topic, notification.Header("x-amz-sns-topic-arn"));
        Assert.Equal(subscription, notification.Header("x-amz-sns-subscription-arn"));
        var envelope = notification.Json;
        Assert.Equal("over http", envelope.GetProperty("Message").GetString());
        Assert.Equal("Hi", envelope.GetProperty("Subject").GetString());
        await VerifySignatureAsync(envelope, "Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    }

    [Fact]
    public async Task HttpSubscription_ServerErrors_RetriedUnderItsDeliveryPolicy_RawBody()
    {
        await using var endpoint = new HttpSubscriber();
        var topic = await Sns.CreateTopicAsync("to-http-retry");
        var subscription = await Sns.SubscribeAsync(topic, "http", endpoint.Url,
            """{"RawMessageDelivery":"true","DeliveryPolicy":"{\"healthyRetryPolicy\":{\"numRetries\":3,\"minDelayTarget\":1,\"maxDelayTarget\":1}}"}""");
        var token = (await endpoint.NextAsync()).Json.GetProperty("Token").GetString()!;
        Assert.Equal(subscription, (await Aws.SucceedAsync("sns", "confirm-subscription", "--topic-arn", topic, "--token", token)).Json.GetProperty("SubscriptionArn").GetString());
        var attributes = (await Aws.SucceedAsync("sns", "get-subscription-attributes", "--subscription-arn", subscription)).Json.GetProperty("Attributes");
        Assert.Equal("false", attributes.GetProperty("PendingConfirmation").GetString());
        Assert.Contains("\"numRetries\":3", attributes.GetProperty("EffectiveDeliveryPolicy").GetString(), StringComparison.Ordinal);

        endpoint.Plan(500, 503);
        var messageId = await Sns.PublishAsync(topic, "try, try again");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var delivery = await endpoint.NextAsync();
            Assert.Equal(messageId, delivery.Header("x-amz-sns-message-id"));
            Assert.Equal("true", delivery.Header("x-amz-sns-rawdelivery"));
            Assert.Equal("try, try again", delivery.Body);
        }
    }

    [Fact]
    public async Task HttpDelivery_AcceptedBeforeARestart_ArrivesAfterIt()
    {
        await using var server = await FulmenServer.StartAsync();
        var sns = new SnsClient(new AwsCli(server));
        int port;
        string topic;
        await using (var first = new HttpSubscriber())
        {
            port = first.Port;
            topic = await sns.CreateTopicAsync("durable");
            await sns.SubscribeAsync(topic, "http", first.Url,
                """{"DeliveryPolicy":"{\"healthyRetryPolicy\":{\"numRetries\":100,\"minDelayTarget\":1,\"maxDelayTarget\":1}}"}""");
            var token = (await first.NextAsync()).Json.GetProperty("Token").GetString()!;
            await sns.Aws.SucceedAsync("sns", "confirm-subscription", "--topic-arn", topic, "--token", token);
        }
        // The endpoint is down: the delivery waits in the store.
        var messageId = await sns.PublishAsync(topic, "kept");
        await server.StopAsync();
        await using var second = new HttpSubscriber(port);
        await server.RestartAsync();

        var delivery = await second.NextAsync();
        Assert.Equal(messageId, delivery.Header("x-amz-sns-message-id"));
        Assert.Equal("kept", delivery.Json.GetProperty("Message").GetString());
    }

    /// <summary>Checks the message's SHA1-with-RSA signature over SNS's string to sign with the certificate at SigningCertURL.</summary>
    private async Task VerifySignatureAsync(System.Text.Json.JsonElement message, params string[] fields)
    {
        var pem = Encoding.ASCII.GetString(await fixture.Http.DownloadAsync(message.GetProperty("SigningCertURL").GetString()!));
        using var certificate = X509Certificate2.CreateFromPem(pem);
        using var key = certificate.GetRSAPublicKey()!;
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            text.Append(field).Append('\n').Append(message.GetProperty(field).GetString()).Append('\n');
        }
        var signature = Convert.FromBase64String(message.GetProperty("Signature").GetString()!);
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(text.ToString()), signature, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1), "the signature does not verify");
    }
}
