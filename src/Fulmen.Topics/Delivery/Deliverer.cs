using System.Text.Json;
using Fulmen.Storage;
using Fulmen.Storage.Queues;
using Fulmen.Topics.Model;
using Microsoft.Extensions.Logging;

namespace Fulmen.Topics.Delivery;

/// <summary>
/// One attempt at one stored delivery, and what follows it: done; another attempt after the delivery policy's delay
/// (the item's receive count is the attempt number); or, for a client-side error or an exhausted policy, the
/// subscription's dead-letter queue (its RedrivePolicy), else the message is dropped, as SNS does.
/// </summary>
public sealed partial class Deliverer(
    TopicCatalog catalog, TopicArns arns, DeliveryQueue queue, LambdaEndpoint lambda, QueueEndpoint queues, HttpEndpoint http, ILogger<Deliverer> logger)
{
    /// <summary>SNS's policy for endpoints AWS manages (functions, queues): 100,015 attempts over about 23 days.</summary>
    public static readonly DeliveryPolicy Managed = new(1, 20, 100_015, 3, 2, 100_000, "exponential");

    public async Task RunAsync(QueueItem stored, CancellationToken cancellationToken)
    {
        var item = DeliveryQueue.Read(stored.Body.Span);
        var subscription = item is null ? null : catalog.FindSubscription(item.SubscriptionId);
        var topic = item is null ? null : catalog.FindTopic(item.TopicName);
        if (item is null || subscription is null || topic is null)
        {
            // Unreadable, or its subscription or topic is gone since: nothing is left to deliver it to.
            await queue.DoneAsync(stored.Id, cancellationToken);
            return;
        }
        var record = subscription.Record;
        var topicArn = arns.Topic(topic.Name);
        var subscriptionArn = arns.Subscription(record.Id);
        DeliveryResult result;
        try
        {
            result = record.Protocol switch
            {
                "lambda" => await lambda.DeliverAsync(item, record.Endpoint, topicArn, subscriptionArn, cancellationToken),
                "sqs" => await queues.DeliverAsync(item, record.Endpoint, subscription.Raw, topicArn, subscriptionArn),
                "http" or "https" => await http.DeliverAsync(item, record.Endpoint, subscription.Raw, topicArn, subscriptionArn, cancellationToken),
                _ => DeliveryResult.ClientError($"Fulmen does not deliver to protocol {record.Protocol}."),
            };
        }
        catch (StorageUnavailableException e)
        {
            result = DeliveryResult.Retryable(e.Message);
        }
        if (result.Outcome == DeliveryOutcome.Retryable)
        {
            var policy = record.Protocol is "http" or "https" ? DeliveryPolicy.For(topic, record) : Managed;
            if (policy.DelayBefore(stored.ReceiveCount) is { } delay)
            {
                LogRetry(subscriptionArn, item.MessageId, result.Reason, stored.ReceiveCount, delay.TotalSeconds);
                await queue.RetryAsync(stored.Id, delay, cancellationToken);
                return;
            }
        }
        if (result.Outcome != DeliveryOutcome.Delivered)
        {
            await DeadLetterAsync(item, subscription, topicArn, subscriptionArn, result.Reason);
        }
        await queue.DoneAsync(stored.Id, cancellationToken);
    }

    private async Task DeadLetterAsync(DeliveryItem item, SubscriptionEntry subscription, string topicArn, string subscriptionArn, string? reason)
    {
        var target = item.Type == DeliveryItem.Notification ? DeadLetterTarget(subscription.Record) : null;
        if (target is null)
        {
            LogDropped(subscriptionArn, item.MessageId, reason);
            return;
        }
        var moved = await queues.DeliverAsync(item, target, subscription.Raw, topicArn, subscriptionArn);
        if (moved.Outcome == DeliveryOutcome.Delivered)
        {
            LogDeadLettered(subscriptionArn, item.MessageId, reason, target);
        }
        else
        {
            LogDropped(subscriptionArn, item.MessageId, $"{reason}; the dead-letter queue refused it too: {moved.Reason}");
        }
    }

    private static string? DeadLetterTarget(SubscriptionRecord record)
    {
        if (record.Attributes.GetValueOrDefault(SubscriptionAttributes.RedrivePolicy) is not { Length: > 0 } text)
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.TryGetProperty("deadLetterTargetArn", out var arn) && arn.ValueKind == JsonValueKind.String ? arn.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(1, LogLevel.Information, "{Subscription}: message {MessageId} not delivered ({Reason}); attempt {Attempt} failed, next in {Seconds:0.###} s")]
    private partial void LogRetry(string subscription, string messageId, string? reason, int attempt, double seconds);

    [LoggerMessage(2, LogLevel.Warning, "{Subscription}: message {MessageId} dropped: {Reason}")]
    private partial void LogDropped(string subscription, string messageId, string? reason);

    [LoggerMessage(3, LogLevel.Information, "{Subscription}: message {MessageId} moved to the dead-letter queue {Queue}: {Reason}")]
    private partial void LogDeadLettered(string subscription, string messageId, string? reason, string queue);
}
