using System.Threading.Channels;
using Fulmen.Buckets.Model;
using Fulmen.Buckets.Notifications.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fulmen.Buckets.Notifications.Delivery;

/// <summary>
/// Sends each committed change of a bucket with a notification configuration to every rule it matches (and to the
/// default event bus when EventBridge is on), then acknowledges it in the object's document. Changes come from the
/// request path through a channel; on start, every change still pending in the store (committed before a crash, or
/// whose send was cut short) is sent first. So each change is sent at least once.
/// </summary>
public sealed partial class BucketNotifier(NotificationStore store, BucketCatalog buckets, NotificationTargets targets, S3EventJson json,
    BucketNotificationOptions options, IServiceProvider services, TimeProvider time, ILogger<BucketNotifier> logger) : BackgroundService, IObjectChanges
{
    private readonly Channel<(string Bucket, string Key, ObjectChange Change)> _changes =
        Channel.CreateUnbounded<(string, string, ObjectChange)>(new UnboundedChannelOptions { SingleReader = true });

    // ObjectIndex tells this class about changes, so it is resolved when first needed rather than injected.
    private ObjectIndex Objects => field ??= services.GetRequiredService<ObjectIndex>();

    public bool Records(string bucket) => store.Find(bucket) is not null;

    public ValueTask CommittedAsync(string bucket, string key, ObjectChange change, CancellationToken cancellationToken)
    {
        // Held changes stay pending in their documents: only the start-up pass sends them (the crash test's hook).
        if (!options.HoldLiveDeliveries)
        {
            _changes.Writer.TryWrite((bucket, key, change));
        }
        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await DeliverPendingAsync(stoppingToken);
            await foreach (var (bucket, key, change) in _changes.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (await buckets.GetAsync(bucket, stoppingToken) is { } record)
                    {
                        await DeliverAsync(record, key, change, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The change stays pending in its document (the next start sends it); the sender goes on with the others.
                    Log.Failed(logger, bucket, key, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Whatever was not acknowledged is still pending in the store and is sent at the next start.
        }
    }

    /// <summary>Every change committed but not acknowledged, in every bucket with a configuration.</summary>
    private async Task DeliverPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var configuration in store.All)
        {
            if (await buckets.GetAsync(configuration.Bucket, cancellationToken) is not { } bucket)
            {
                continue;
            }
            var pending = new List<(string Key, ObjectChange Change)>();
            await foreach (var item in Objects.ListPendingAsync(bucket, cancellationToken))
            {
                pending.Add(item);
            }
            if (pending.Count > 0)
            {
                Log.DeliveringPending(logger, pending.Count, bucket.Name);
            }
            foreach (var (key, change) in pending)
            {
                await DeliverAsync(bucket, key, change, cancellationToken);
            }
        }
    }

    private async Task DeliverAsync(BucketRecord bucket, string key, ObjectChange change, CancellationToken cancellationToken)
    {
        // A configuration put for a bucket of the same name that was deleted since has nothing to say about this one.
        if (store.Find(bucket.Name) is { } configuration && configuration.BucketId == bucket.Id)
        {
            foreach (var rule in configuration.Rules)
            {
                if (rule.Matches(change.EventName, key))
                {
                    await SendAsync(rule, bucket.Name, json.Record(bucket.Name, key, change, rule.Id), cancellationToken);
                }
            }
            if (configuration.EventBridge)
            {
                await targets.SendToEventBridgeAsync(bucket.Name, key, change, cancellationToken);
            }
        }
        await Objects.AcknowledgeAsync(bucket, key, change.Sequencer, cancellationToken);
    }

    /// <summary>Retries a destination that may take the event later; one that refuses it (no permission, gone) loses it, as on AWS.</summary>
    private async Task SendAsync(NotificationRule rule, string bucket, string payload, CancellationToken cancellationToken)
    {
        var delay = options.RetryBase;
        for (var attempt = 1; ; attempt++)
        {
            var result = await targets.SendAsync(rule, bucket, payload, cancellationToken);
            if (result == SendResult.Delivered)
            {
                return;
            }
            if (result == SendResult.Refused || attempt >= options.MaxAttempts)
            {
                Log.Dropped(logger, rule.Arn, bucket, attempt);
                return;
            }
            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Delivering {Count} pending notifications of bucket {Bucket}")]
        public static partial void DeliveringPending(ILogger logger, int count, string bucket);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "A notification of {Bucket}/{Key} failed; it stays pending until the next start")]
        public static partial void Failed(ILogger logger, string bucket, string key, Exception exception);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "A notification to {Destination} from bucket {Bucket} was not delivered after {Attempts} attempts")]
        public static partial void Dropped(ILogger logger, string destination, string bucket, int attempts);
    }
}
