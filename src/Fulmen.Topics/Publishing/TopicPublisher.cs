using System.Text;
using System.Text.Json;
using Fulmen.Storage.Queues;
using Fulmen.Topics.Delivery;
using Fulmen.Topics.Model;

namespace Fulmen.Topics.Publishing;

/// <summary>
/// Publishes a message: SNS's checks, a FIFO topic's deduplication (five minutes, as SNS) and sequence number, then one
/// stored delivery per confirmed subscription whose filter policy lets the message through, carrying the message for
/// that subscription's protocol (<c>MessageStructure: json</c>). Done once the deliveries are stored.
/// </summary>
public sealed class TopicPublisher(TopicCatalog catalog, TopicArns arns, DeliveryQueue deliveries, MessageSigner signer, IQueueStore store, TimeProvider time)
    : ITopicPublisher
{
    /// <summary>Where a FIFO topic remembers deduplication ids; each item is acknowledged at once, its key kept for the window.</summary>
    public const string DeduplicationQueue = "sns-fifo-dedup";

    public async Task<PublishOutcome> PublishAsync(string topicArn, string message, string? subject,
        IReadOnlyDictionary<string, TopicMessageAttribute>? attributes, CancellationToken cancellationToken)
    {
        if (arns.TopicName(topicArn) is not { } name || await catalog.FindTopicAsync(name, cancellationToken) is not { } topic)
        {
            return PublishOutcome.NotFound();
        }
        return await PublishAsync(topic, new PublishRequest(message, subject, null, attributes ?? new Dictionary<string, TopicMessageAttribute>(), null, null),
            cancellationToken);
    }

    public async Task<PublishOutcome> PublishAsync(TopicRecord topic, PublishRequest request, CancellationToken cancellationToken)
    {
        if (PublishValidation.Check(topic, request, out var structure) is { } invalid)
        {
            return invalid;
        }
        using (structure)
        {
            var messageId = Guid.NewGuid().ToString();
            string? sequenceNumber = null;
            string? deduplicationId = null;
            if (topic.IsFifo)
            {
                deduplicationId = request.MessageDeduplicationId ?? Fifo.ContentId(request.Message!);
                var stored = await store.AppendAsync(DeduplicationQueue, new QueueAppend { Body = Encoding.UTF8.GetBytes(messageId) },
                    new QueueDeduplication($"{topic.Name}/{deduplicationId}", Fifo.DeduplicationWindow, messageId), cancellationToken);
                sequenceNumber = Fifo.SequenceNumber(stored.Id);
                if (stored.Duplicate)
                {
                    return PublishOutcome.Done(stored.Tag ?? messageId, sequenceNumber);
                }
                await store.AcknowledgeAsync(DeduplicationQueue, stored.Id, cancellationToken);
            }
            var items = Deliveries(topic, request, structure, messageId, sequenceNumber, deduplicationId);
            await deliveries.AddAsync(items, cancellationToken);
            return PublishOutcome.Done(messageId, sequenceNumber);
        }
    }

    private List<DeliveryItem> Deliveries(TopicRecord topic, PublishRequest request, JsonDocument? structure, string messageId,
        string? sequenceNumber, string? deduplicationId)
    {
        var items = new List<DeliveryItem>();
        var subscriptions = catalog.SubscriptionsOf(topic.Name);
        if (subscriptions.Count == 0)
        {
            return items;
        }
        var topicArn = arns.Topic(topic.Name);
        var timestamp = SubscriptionConfirmations.Timestamp(time.GetUtcNow());
        var fallback = structure is null ? request.Message! : structure.RootElement.GetProperty("default").GetString()!;
        var attributes = Stored(request.Attributes);
        // One signature per distinct message text: the string to sign does not name the subscription.
        var signatures = new Dictionary<string, string>(StringComparer.Ordinal);
        using var filter = new FilterInput(fallback, request.Attributes);
        foreach (var subscription in subscriptions)
        {
            var record = subscription.Record;
            if (!record.Confirmed || !filter.Matches(subscription.FilterPolicy, subscription.FilterOnBody))
            {
                continue;
            }
            var message = structure is not null && structure.RootElement.TryGetProperty(record.Protocol, out var own) && own.ValueKind == JsonValueKind.String
                ? own.GetString()!
                : fallback;
            if (!signatures.TryGetValue(message, out var signature))
            {
                signature = signer.Sign(MessageSigner.NotificationString(message, messageId, request.Subject, timestamp, topicArn));
                signatures[message] = signature;
            }
            items.Add(new DeliveryItem
            {
                SubscriptionId = record.Id,
                TopicName = topic.Name,
                MessageId = messageId,
                Message = message,
                Subject = request.Subject,
                Timestamp = timestamp,
                Signature = signature,
                Attributes = attributes,
                MessageGroupId = topic.IsFifo ? request.MessageGroupId : null,
                MessageDeduplicationId = deduplicationId,
                SequenceNumber = sequenceNumber,
            });
        }
        return items;
    }

    private static Dictionary<string, StoredAttribute>? Stored(IReadOnlyDictionary<string, TopicMessageAttribute> attributes) =>
        attributes.Count == 0
            ? null
            : attributes.ToDictionary(a => a.Key,
                a => new StoredAttribute(a.Value.DataType, a.Value.BinaryValue is { } bytes ? Convert.ToBase64String(bytes) : a.Value.StringValue ?? ""),
                StringComparer.Ordinal);
}
