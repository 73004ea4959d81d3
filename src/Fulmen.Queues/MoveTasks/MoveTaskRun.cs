using System.Text.Json;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;
using Fulmen.Storage.Queues;

namespace Fulmen.Queues.MoveTasks;

/// <summary>
/// One run of a message move task: leases the source's messages a batch at a time under the task's own holder,
/// appends each to its destination (the task's, else the queue it was dead-lettered from) with its id, body and
/// attributes, then deletes it from the source. A message appended but not yet deleted when the server dies is moved
/// again on resume: delivery stays at least once, as everywhere in SQS.
/// </summary>
internal sealed class MoveTaskRun(MoveTaskRecord task, MessageMoveTasks tasks, IQueueStore store, QueueMessages messages, TimeProvider time)
{
    private const string NonExistentQueue = "AWS.SimpleQueueService.NonExistentQueue";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    private readonly string _holder = "sqs-move-" + task.TaskId;

    public long Moved { get; private set; } = task.Moved;

    /// <summary>Moves until done; the status to record (RUNNING: the server is stopping, leave the task to resume).</summary>
    public async Task<(string Status, string? Reason)> MoveAsync(CancellationToken cancellationToken)
    {
        if (tasks.QueueOf(task.SourceArn) is not { } source)
        {
            return (MoveTaskStatus.Failed, NonExistentQueue);
        }
        // Resumed after a restart: what the task held is visible again, so it is moved now rather than after its lease.
        await store.ReleaseHeldAsync(source.StoreKey, _holder, CancellationToken.None);
        var batch = Math.Min(10, task.MaxNumberOfMessagesPerSecond ?? 10);
        while (!cancellationToken.IsCancellationRequested)
        {
            var items = await store.LeaseAsync(source.StoreKey, new QueueLeaseRequest
            {
                // A FIFO dead-letter queue gives its groups back in order, as they were dead-lettered.
                Holder = _holder, MaxItems = batch, Visibility = Lease, Grouped = FifoAttributes.IsFifo(source),
            }, CancellationToken.None);
            // Only messages that were in the source when the task started; later ones are left where they are.
            var moving = items.Where(i => i.EnqueuedAt.ToUnixTimeMilliseconds() <= task.StartedTimestamp).ToList();
            await ReleaseAsync(source, items.Except(moving));
            if (moving.Count == 0)
            {
                return (MoveTaskStatus.Completed, null);
            }
            for (var i = 0; i < moving.Count; i++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    await ReleaseAsync(source, moving.Skip(i));
                    break;
                }
                var message = JsonSerializer.Deserialize(moving[i].Attributes.Span, QueuesJsonContext.Default.StoredMessage)!;
                if (tasks.QueueOf(task.DestinationArn ?? message.DeadLetterSourceArn ?? "") is not { } destination)
                {
                    await ReleaseAsync(source, moving.Skip(i));
                    await tasks.SaveAsync(task.TaskId, Moved);
                    return (MoveTaskStatus.Failed, NonExistentQueue);
                }
                await MoveAsync(source, moving[i], message, destination);
                if (task.MaxNumberOfMessagesPerSecond is { } rate)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1.0 / rate), time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
            await tasks.SaveAsync(task.TaskId, Moved);
        }
        return tasks.Find(task.TaskId)?.Status == MoveTaskStatus.Cancelling ? (MoveTaskStatus.Cancelled, null) : (MoveTaskStatus.Running, null);
    }

    private async Task MoveAsync(QueueRecord source, QueueItem item, StoredMessage message, QueueRecord destination)
    {
        // A new message in the destination: received afresh (receive count and first receive start again).
        var moved = message with { DeadLetterSourceArn = null, FirstReceivedAt = null };
        await store.AppendAsync(destination.StoreKey, new QueueAppend
        {
            Body = item.Body,
            Attributes = JsonSerializer.SerializeToUtf8Bytes(moved, QueuesJsonContext.Default.StoredMessage),
            Group = item.Group,
        }, CancellationToken.None);
        await store.AcknowledgeAsync(source.StoreKey, item.Id, CancellationToken.None);
        messages.Moved(source, item.Id, destination);
        Moved++;
    }

    private async Task ReleaseAsync(QueueRecord source, IEnumerable<QueueItem> items)
    {
        foreach (var item in items)
        {
            await store.ReleaseAsync(source.StoreKey, item.Id, TimeSpan.Zero, cancellationToken: CancellationToken.None);
        }
    }
}
