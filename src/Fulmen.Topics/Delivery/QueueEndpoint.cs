using Fulmen.Protocols.Arns;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;
using Fulmen.Topics.Model;

namespace Fulmen.Topics.Delivery;

/// <summary>
/// An SQS queue subscribed to a topic (or a subscription's dead-letter queue): the JSON envelope as the body, or with
/// raw delivery the message itself with its attributes as the message's attributes. A FIFO queue gets the message's
/// group and deduplication id (content-based when the publisher gave none).
/// </summary>
public sealed class QueueEndpoint(QueueCatalog queues, QueueMessages messages, NotificationJson json, AwsAccount account)
{
    public async Task<DeliveryResult> DeliverAsync(DeliveryItem item, string queueArn, bool raw, string topicArn, string subscriptionArn)
    {
        if (Find(queueArn) is not { } queue)
        {
            return DeliveryResult.ClientError($"The queue {queueArn} does not exist.");
        }
        var body = raw ? item.Message : json.Envelope(item, topicArn, subscriptionArn);
        var attributes = raw ? Attributes(item) : null;
        if (Fifo.IsFifoQueue(queue))
        {
            if (item.MessageGroupId is not { } group)
            {
                return DeliveryResult.ClientError($"The queue {queueArn} is a FIFO queue and the message has no MessageGroupId.");
            }
            await messages.SendAsync(queue, body, attributes, account.AccountId, delaySeconds: 0, group,
                item.MessageDeduplicationId ?? Fifo.ContentId(body));
            return DeliveryResult.Delivered;
        }
        await messages.SendAsync(queue, body, attributes, account.AccountId, delaySeconds: 0);
        return DeliveryResult.Delivered;
    }

    /// <summary>Whether an ARN names one of this server's queues.</summary>
    public bool Exists(string queueArn) => Find(queueArn) is not null;

    public bool IsFifo(string queueArn) => Find(queueArn) is { } queue && Fifo.IsFifoQueue(queue);

    private QueueRecord? Find(string arn) =>
        Arn.TryParse(arn, out var parsed) && parsed.Service == "sqs" && parsed.Region == account.Region && parsed.Account == account.AccountId
            ? queues.Find(parsed.Resource)
            : null;

    /// <summary>SNS attributes as SQS message attributes: String.Array goes as a String, Binary as binary.</summary>
    private static Dictionary<string, MessageAttributeValue>? Attributes(DeliveryItem item)
    {
        if (item.Attributes is not { Count: > 0 } attributes)
        {
            return null;
        }
        var values = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes)
        {
            values[name] = value.Type.StartsWith("Binary", StringComparison.Ordinal)
                ? new MessageAttributeValue { DataType = value.Type, BinaryValue = value.Value }
                : new MessageAttributeValue { DataType = value.Type == "String.Array" ? "String" : value.Type, StringValue = value.Value };
        }
        return values;
    }
}
