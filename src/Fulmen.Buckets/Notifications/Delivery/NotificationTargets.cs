using System.Text;
using System.Text.Json.Nodes;
using Fulmen.Buckets.Notifications.Configuration;
using Fulmen.Events.Delivery;
using Fulmen.Events.Model;
using Fulmen.Functions.Invocation;
using Fulmen.Functions.Permissions;
using Fulmen.Protocols.Arns;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;
using Fulmen.Storage;
using Fulmen.Topics.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Buckets.Notifications.Delivery;

/// <summary>What one send came to: held durably by the destination, worth another try, or refused for good.</summary>
public enum SendResult
{
    Delivered,
    Retry,
    Refused,
}

/// <summary>
/// The destinations of bucket notifications: a function invoked asynchronously as <c>s3.amazonaws.com</c> with the
/// bucket's ARN as source (its resource-based policy must allow that), a queue's append, a topic's accepted publish,
/// the default event bus. A send is done when the destination holds the event durably.
/// </summary>
public sealed class NotificationTargets(Invoker invoker, QueueCatalog queues, QueueMessages messages, ITopicPublisher topics, AwsAccount account,
    IServiceProvider services)
{
    public const string Principal = "s3.amazonaws.com";
    public const string TestSubject = "Amazon S3 Notification";

    /// <summary>
    /// Why S3 could not validate <paramref name="rule"/>'s destination (the text of its <c>ArgumentValue</c>), or null; a
    /// queue or topic that passes gets <paramref name="testEvent"/>, as on AWS.
    /// </summary>
    public async Task<string?> ValidateAsync(NotificationRule rule, string bucket, string testEvent, CancellationToken cancellationToken)
    {
        switch (rule.Kind)
        {
            case DestinationKind.Lambda:
                var (entry, target, error) = await invoker.ResolveQualifiedAsync(rule.Arn, null, cancellationToken);
                return error is null && PolicyEvaluator.Allows(entry!.Record.PolicyStatements, Caller(bucket), target!.Qualifier)
                    ? null
                    : $"Not authorized to invoke function [{rule.Arn}]";
            case DestinationKind.Queue:
                // FIFO queues are not destinations of S3 notifications (EventBridge is the way there), as on AWS.
                if (await QueueAsync(rule.Arn, cancellationToken) is not { } queue || queue.Name.EndsWith(".fifo", StringComparison.Ordinal))
                {
                    return "Permissions on the destination queue do not allow S3 to publish notifications from this bucket";
                }
                await messages.SendAsync(queue, testEvent, attributes: null, account.AccountId, delaySeconds: 0);
                return null;
            default:
                var published = await topics.PublishAsync(rule.Arn, testEvent, TestSubject, null, cancellationToken);
                return published.Published ? null : "Permissions on the destination topic do not allow S3 to publish notifications from this bucket";
        }
    }

    public async Task<SendResult> SendAsync(NotificationRule rule, string bucket, string payload, CancellationToken cancellationToken)
    {
        try
        {
            switch (rule.Kind)
            {
                case DestinationKind.Lambda:
                    return (await InvokeBatchAsync(bucket, [(rule.Arn, payload)], cancellationToken))[0];
                case DestinationKind.Queue:
                    if (await QueueAsync(rule.Arn, cancellationToken) is not { } queue)
                    {
                        return SendResult.Refused;
                    }
                    await messages.SendAsync(queue, payload, attributes: null, account.AccountId, delaySeconds: 0);
                    return SendResult.Delivered;
                default:
                    var published = await topics.PublishAsync(rule.Arn, payload, TestSubject, null, cancellationToken);
                    return published.Published ? SendResult.Delivered : published.Status >= 500 ? SendResult.Retry : SendResult.Refused;
            }
        }
        catch (StorageUnavailableException)
        {
            return SendResult.Retry;
        }
    }

    /// <summary>
    /// Functions' events (ARN, payload) queued for asynchronous invocation in list order, as one batch append (one
    /// durable commit for all); the result of each, in list order.
    /// </summary>
    public async Task<IReadOnlyList<SendResult>> InvokeBatchAsync(string bucket, IReadOnlyList<(string Arn, string Payload)> events, CancellationToken cancellationToken)
    {
        var caller = Caller(bucket);
        try
        {
            var results = await invoker.EnqueueBatchAsync(
                [.. events.Select(e => new InvokeRequest(e.Arn, Encoding.UTF8.GetBytes(e.Payload)) { Caller = caller })], cancellationToken);
            return [.. results.Select(r => r.Error switch
            {
                null => SendResult.Delivered,
                { Type: "TooManyRequestsException" } or { StatusCode: >= 500 } => SendResult.Retry,
                _ => SendResult.Refused,
            })];
        }
        catch (StorageUnavailableException)
        {
            return [.. events.Select(_ => SendResult.Retry)];
        }
    }

    /// <summary>Puts S3's <c>Object Created</c> / <c>Object Deleted</c> event on the default bus; done when its rules' sends are durable.</summary>
    public async Task<SendResult> SendToEventBridgeAsync(string bucket, string key, ObjectChange change, CancellationToken cancellationToken)
    {
        try
        {
            var catalog = services.GetRequiredService<EventCatalog>();
            if (await catalog.FindBusAsync("default", cancellationToken) is null)
            {
                return SendResult.Delivered;   // no bus, no rules: nothing is owed to anyone
            }
            var envelope = EventEnvelope.Build(account, Guid.NewGuid().ToString(), "aws.s3", S3EventJson.DetailType(change),
                JsonNode.Parse(S3EventJson.EventBridgeDetail(bucket, key, change)), [S3EventJson.BucketArn(bucket)], change.Time);
            await services.GetRequiredService<EventDelivery>().DeliverAsync("default", envelope, change.Time, cancellationToken);
            return SendResult.Delivered;
        }
        catch (StorageUnavailableException)
        {
            return SendResult.Retry;
        }
    }

    private InvocationCaller Caller(string bucket) =>
        new(Principal, InvocationCaller.InvokeFunction) { SourceArn = S3EventJson.BucketArn(bucket), SourceAccount = account.AccountId };

    private async Task<QueueRecord?> QueueAsync(string arn, CancellationToken cancellationToken) =>
        Arn.TryParse(arn, out var parsed) && parsed.Service == "sqs" && parsed.Region == account.Region && parsed.Account == account.AccountId
            ? await queues.FindAsync(parsed.Resource, cancellationToken)
            : null;
}
