using System.Threading.Channels;
using Fulmen.Buckets.Model;
using Fulmen.Buckets.Notifications.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fulmen.Buckets.Notifications.Delivery;

/// <summary>
/// Sends each committed change of a bucket with a notification configuration (<see cref="ChangeDelivery"/>), then
/// acknowledges it in the object's document. The request path only names the changed key, through a channel, and the
/// sender wakes at once; it takes every key waiting (up to <see cref="MaxKeys"/>), reads their pending changes from the
/// store, sends them together and acknowledges them together, so under load one durable append and one acknowledging
/// commit serve many changes. Reading the pending changes from the documents keeps each key's changes in commit order
/// (two PUTs of one key may hand off in the other order) and sends nothing already acknowledged. On start, every key
/// with changes still pending (committed before a crash, or whose send was cut short) is sent first. So each change is
/// sent at least once.
/// </summary>
public sealed partial class BucketNotifier(NotificationStore store, BucketCatalog buckets, ChangeDelivery delivery, BucketNotificationOptions options,
    IServiceProvider services, ILogger<BucketNotifier> logger) : BackgroundService, IObjectChanges
{
    /// <summary>Keys sent together at most; a batch's changes are read, sent and acknowledged as one.</summary>
    public const int MaxKeys = 256;

    private readonly Channel<(string Bucket, string Key)> _changed =
        Channel.CreateUnbounded<(string, string)>(new UnboundedChannelOptions { SingleReader = true });

    // Changes sent whose acknowledgement is being written (bucket id, key, sequencer), and that write; only the sender's
    // loop touches them.
    private readonly HashSet<(string BucketId, string Key, string Sequencer)> _acknowledging = [];
    private (Task Written, List<(string BucketId, string Key, string Sequencer)> Changes) _acknowledgement = (Task.CompletedTask, []);

    // ObjectIndex tells this class about changes, so it is resolved when first needed rather than injected.
    private ObjectIndex Objects => field ??= services.GetRequiredService<ObjectIndex>();

    public bool Records(string bucket) => store.Find(bucket) is not null;

    public ValueTask CommittedAsync(string bucket, string key, ObjectChange change, CancellationToken cancellationToken)
    {
        // Held changes stay pending in their documents: only the start-up pass sends them (the crash test's hook).
        if (!options.HoldLiveDeliveries)
        {
            _changed.Writer.TryWrite((bucket, key));
        }
        return ValueTask.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await DeliverPendingAsync(stoppingToken);
            var reader = _changed.Reader;
            var batch = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                // Everything waiting, a key once however often it changed: its document holds all its pending changes.
                for (var keys = 0; keys < MaxKeys && reader.TryRead(out var changed);)
                {
                    if (!batch.TryGetValue(changed.Bucket, out var inBucket))
                    {
                        batch[changed.Bucket] = inBucket = new HashSet<string>(StringComparer.Ordinal);
                    }
                    keys += inBucket.Add(changed.Key) ? 1 : 0;
                }
                foreach (var (name, keys) in batch)
                {
                    if (await buckets.GetAsync(name, stoppingToken) is { } bucket)
                    {
                        await DeliverAsync(bucket, keys, stoppingToken);
                    }
                }
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Whatever was not acknowledged is still pending in the store and is sent at the next start.
        }
    }

    /// <summary>Every key with a change committed but not acknowledged, in every bucket with a configuration.</summary>
    private async Task DeliverPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var configuration in store.All)
        {
            if (await buckets.GetAsync(configuration.Bucket, cancellationToken) is not { } bucket)
            {
                continue;
            }
            var keys = new List<string>();
            await foreach (var key in Objects.ListPendingKeysAsync(bucket, cancellationToken))
            {
                keys.Add(key);
            }
            if (keys.Count > 0)
            {
                Log.DeliveringPending(logger, keys.Count, bucket.Name);
            }
            foreach (var chunk in keys.Chunk(MaxKeys))
            {
                await DeliverAsync(bucket, chunk, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Sends the keys' pending changes and starts their acknowledgement without waiting for it: the next batch is read
    /// and sent while it is written (the one before is awaited first, so one is written at a time), skipping the
    /// changes it covers, which are still in their documents until it commits.
    /// </summary>
    private async Task DeliverAsync(BucketRecord bucket, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        try
        {
            var pending = await Objects.PendingAsync(bucket, keys, cancellationToken);
            pending = [.. pending
                .Select(p => (p.Key, Changes: (IReadOnlyList<ObjectChange>)[.. p.Changes.Where(c => !_acknowledging.Contains((bucket.Id, p.Key, c.Sequencer)))]))
                .Where(p => p.Changes.Count > 0)];
            if (pending.Count == 0)
            {
                return;
            }
            var delivered = await delivery.SendAsync(bucket, pending, cancellationToken);
            await SettleAcknowledgementAsync();
            if (delivered.Count > 0)
            {
                _acknowledgement = (AcknowledgeAsync(bucket, delivered, cancellationToken),
                    [.. delivered.SelectMany(d => d.Sequencers.Select(s => (bucket.Id, d.Key, s)))]);
                _acknowledging.UnionWith(_acknowledgement.Changes);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The changes stay pending in their documents (the key's next change or the next start sends them again);
            // the sender goes on with the others.
            Log.Failed(logger, bucket.Name, keys.Count, e);
        }
    }

    /// <summary>Waits for the acknowledgement being written; its changes are then out of their documents (or, if it failed, pending again).</summary>
    private async Task SettleAcknowledgementAsync()
    {
        await _acknowledgement.Written;
        _acknowledging.ExceptWith(_acknowledgement.Changes);
        _acknowledgement = (Task.CompletedTask, []);
    }

    private async Task AcknowledgeAsync(BucketRecord bucket, IReadOnlyList<(string Key, IReadOnlySet<string> Sequencers)> delivered, CancellationToken cancellationToken)
    {
        try
        {
            await Objects.AcknowledgeBatchAsync(bucket, delivered, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.Failed(logger, bucket.Name, delivered.Count, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Delivering pending notifications of {Count} keys of bucket {Bucket}")]
        public static partial void DeliveringPending(ILogger logger, int count, string bucket);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Notifications of {Count} keys of bucket {Bucket} failed; they stay pending")]
        public static partial void Failed(ILogger logger, string bucket, int count, Exception exception);
    }
}
