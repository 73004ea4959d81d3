using System.Globalization;
using Fulmen.Topics.Model;

namespace Fulmen.Topics.Delivery;

/// <summary>
/// The confirmation request an http(s) subscription gets when it is made: a <c>SubscriptionConfirmation</c> message
/// with its token and SubscribeURL, stored and delivered (with retries) like any notification.
/// </summary>
public sealed class SubscriptionConfirmations(DeliveryQueue queue, NotificationJson json, MessageSigner signer, TopicArns arns, TimeProvider time)
{
    public Task SendAsync(SubscriptionRecord subscription, CancellationToken cancellationToken)
    {
        var topicArn = arns.Topic(subscription.TopicName);
        var messageId = Guid.NewGuid().ToString();
        var timestamp = Timestamp(time.GetUtcNow());
        var message = $"You have chosen to subscribe to the topic {topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.";
        var signature = signer.Sign(MessageSigner.ConfirmationString(message, messageId, json.SubscribeUrl(topicArn, subscription.Token!), timestamp,
            subscription.Token!, topicArn));
        return queue.AddAsync([new DeliveryItem
        {
            Type = DeliveryItem.SubscriptionConfirmation,
            SubscriptionId = subscription.Id,
            TopicName = subscription.TopicName,
            MessageId = messageId,
            Message = message,
            Timestamp = timestamp,
            Signature = signature,
            Token = subscription.Token,
        }], cancellationToken);
    }

    /// <summary>SNS's <c>Timestamp</c>: UTC, milliseconds, <c>Z</c>.</summary>
    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
