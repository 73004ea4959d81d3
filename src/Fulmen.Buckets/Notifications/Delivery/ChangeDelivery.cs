using System.Collections.Concurrent;
using Fulmen.Buckets.Model;
using Fulmen.Buckets.Notifications.Configuration;
using Microsoft.Extensions.Logging;

namespace Fulmen.Buckets.Notifications.Delivery;

/// <summary>
/// Sends one bucket's pending changes (several keys, each key's changes in commit order) to every rule they match and
/// to the default bus. The function events of all of them go to the async queue as one batch append: its list order
/// keeps each key's order, and they share one durable commit. Queues, topics and the bus take them key by key, keys
/// side by side. Answers the changes every destination now holds (or refused for good), which the notifier
/// acknowledges; a change a destination could not take after its retries stays pending, with the key's later ones.
/// </summary>
public sealed partial class ChangeDelivery(NotificationStore store, NotificationTargets targets, S3EventJson json, BucketNotificationOptions options,
    TimeProvider time, ILogger<ChangeDelivery> logger)
{
    /// <summary>Keys whose queue, topic and bus sends run side by side.</summary>
    private const int KeysSideBySide = 16;

    private sealed record Invocation(string Key, ObjectChange Change, string Arn, string Payload);

    public async Task<IReadOnlyList<(string Key, IReadOnlySet<string> Sequencers)>> SendAsync(BucketRecord bucket,
        IReadOnlyList<(string Key, IReadOnlyList<ObjectChange> Changes)> pending, CancellationToken cancellationToken)
    {
        // Changes some destination could not take yet: not acknowledged.
        var kept = new ConcurrentDictionary<(string Key, string Sequencer), bool>();
        // A configuration put for a bucket of the same name that was deleted since has nothing to say about this one.
        if (store.Find(bucket.Name) is { } configuration && configuration.BucketId == bucket.Id)
        {
            var invocations = new List<Invocation>();
            var byKey = new List<(string Key, List<(ObjectChange Change, NotificationRule? Rule)> Sends)>();
            foreach (var (key, changes) in pending)
            {
                var sends = new List<(ObjectChange, NotificationRule?)>();
                foreach (var change in changes)
                {
                    foreach (var rule in configuration.Rules.Where(r => r.Matches(change.EventName, key)))
                    {
                        if (rule.Kind == DestinationKind.Lambda)
                        {
                            invocations.Add(new Invocation(key, change, rule.Arn, json.Record(bucket.Name, key, change, rule.Id)));
                        }
                        else
                        {
                            sends.Add((change, rule));
                        }
                    }
                    if (configuration.EventBridge)
                    {
                        sends.Add((change, null));   // the default bus
                    }
                }
                if (sends.Count > 0)
                {
                    byKey.Add((key, sends));
                }
            }
            await Task.WhenAll(InvokeAsync(bucket.Name, invocations, kept, cancellationToken), SendByKeyAsync(bucket.Name, byKey, kept, cancellationToken));
        }
        var delivered = new List<(string, IReadOnlySet<string>)>(pending.Count);
        foreach (var (key, changes) in pending)
        {
            var sequencers = changes.Where(c => !kept.ContainsKey((key, c.Sequencer))).Select(c => c.Sequencer).ToHashSet(StringComparer.Ordinal);
            if (sequencers.Count > 0)
            {
                delivered.Add((key, sequencers));
            }
        }
        return delivered;
    }

    /// <summary>Every function event in one batch append; those the queue could not take yet are tried again, in order.</summary>
    private async Task InvokeAsync(string bucket, List<Invocation> invocations, ConcurrentDictionary<(string, string), bool> kept, CancellationToken cancellationToken)
    {
        var delay = options.RetryBase;
        for (var attempt = 1; invocations.Count > 0; attempt++)
        {
            var results = await targets.InvokeBatchAsync(bucket, [.. invocations.Select(i => (i.Arn, i.Payload))], cancellationToken);
            var again = new List<Invocation>();
            for (var i = 0; i < invocations.Count; i++)
            {
                if (results[i] == SendResult.Refused)
                {
                    Log.Dropped(logger, invocations[i].Arn, bucket, attempt);
                }
                else if (results[i] == SendResult.Retry)
                {
                    again.Add(invocations[i]);
                }
            }
            if (again.Count > 0 && attempt >= options.MaxAttempts)
            {
                foreach (var invocation in again)
                {
                    Log.Kept(logger, invocation.Arn, bucket, attempt);
                    kept[(invocation.Key, invocation.Change.Sequencer)] = true;
                }
                return;
            }
            if (again.Count > 0)
            {
                await Task.Delay(delay, time, cancellationToken);
                delay = Next(delay);
            }
            invocations = again;
        }
    }

    /// <summary>Each key's queue, topic and bus sends in order; at the first one that cannot be made, the key's rest waits.</summary>
    private async Task SendByKeyAsync(string bucket, List<(string Key, List<(ObjectChange Change, NotificationRule? Rule)> Sends)> byKey,
        ConcurrentDictionary<(string, string), bool> kept, CancellationToken cancellationToken)
    {
        if (byKey.Count == 0)
        {
            return;
        }
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = KeysSideBySide, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(byKey, parallel, async (item, token) =>
        {
            var (key, sends) = item;
            for (var i = 0; i < sends.Count; i++)
            {
                var (change, rule) = sends[i];
                bool sent;
                try
                {
                    sent = await SendAsync(bucket, key, change, rule, token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.Failed(logger, bucket, key, e);
                    sent = false;
                }
                if (!sent)
                {
                    foreach (var (later, _) in sends.Skip(i))
                    {
                        kept[(key, later.Sequencer)] = true;
                    }
                    return;
                }
            }
        });
    }

    /// <summary>
    /// One send, retried while the destination may take it later (throttled, storage down); true when it is held or
    /// refused for good (no permission, gone: lost, as on AWS), false when it is to stay pending.
    /// </summary>
    private async Task<bool> SendAsync(string bucket, string key, ObjectChange change, NotificationRule? rule, CancellationToken cancellationToken)
    {
        var delay = options.RetryBase;
        for (var attempt = 1; ; attempt++)
        {
            var result = rule is null
                ? await targets.SendToEventBridgeAsync(bucket, key, change, cancellationToken)
                : await targets.SendAsync(rule, bucket, json.Record(bucket, key, change, rule.Id), cancellationToken);
            if (result == SendResult.Delivered)
            {
                return true;
            }
            var destination = rule?.Arn ?? "the default event bus";
            if (result == SendResult.Refused)
            {
                Log.Dropped(logger, destination, bucket, attempt);
                return true;
            }
            if (attempt >= options.MaxAttempts)
            {
                Log.Kept(logger, destination, bucket, attempt);
                return false;
            }
            await Task.Delay(delay, time, cancellationToken);
            delay = Next(delay);
        }
    }

    private static TimeSpan Next(TimeSpan delay) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));

    private static partial class Log
    {
        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "A notification to {Destination} from bucket {Bucket} was refused at attempt {Attempts}; it is dropped")]
        public static partial void Dropped(ILogger logger, string destination, string bucket, int attempts);

        [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "A notification to {Destination} from bucket {Bucket} was not taken after {Attempts} attempts; it stays pending")]
        public static partial void Kept(ILogger logger, string destination, string bucket, int attempts);

        [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "A notification of {Bucket}/{Key} failed; it stays pending with the key's later changes")]
        public static partial void Failed(ILogger logger, string bucket, string key, Exception exception);
    }
}
