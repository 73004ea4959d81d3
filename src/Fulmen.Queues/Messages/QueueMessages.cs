using System.Text;
using System.Text.Json;
using Fulmen.Queues.Api;
using Fulmen.Queues.Model;
using Fulmen.Storage.Queues;

namespace Fulmen.Queues.Messages;

/// <summary>A message as stored, with the receipt this receive gave it.</summary>
public sealed record ReceivedMessage(StoredMessage Message, QueueItem Item, string ReceiptHandle)
{
    public string Body => Encoding.UTF8.GetString(Item.Body.Span);
}

/// <summary>What a send answers: the message's id and the MD5s SQS computes; on a FIFO queue its SequenceNumber.</summary>
public sealed record SentMessage(string MessageId, string Md5OfBody, string? Md5OfMessageAttributes, string? SequenceNumber = null);

/// <summary>
/// The queue's messages, whoever moves them: the SQS API, event source mappings, asynchronous destinations. Sending,
/// receiving (long polls woken by sends), deleting and changing visibility by receipt handle, retention and redrive.
/// One instance per server: it owns the long-poll signals and which receipt of a message is the current one.
/// </summary>
public sealed class QueueMessages(QueueCatalog catalog, IQueueStore store, TimeProvider time)
{
    private const string Holder = "sqs";

    private readonly QueueSignals _signals = new(time);
    private readonly InflightReceipts _receipts = new();

    /// <summary>
    /// Stores one message; done once it is durable. With a <paramref name="deduplicationId"/> (FIFO queues) a message
    /// sent again within the deduplication window is not stored again: the answer is the first one's id and sequence.
    /// </summary>
    public async Task<SentMessage> SendAsync(QueueRecord queue, string body, Dictionary<string, MessageAttributeValue>? attributes, string senderId, int delaySeconds,
        string? group = null, string? deduplicationId = null)
    {
        var message = new StoredMessage
        {
            MessageId = Guid.NewGuid().ToString(),
            Md5OfBody = MessageMd5.OfBody(body),
            Md5OfMessageAttributes = MessageMd5.OfAttributes(attributes),
            MessageAttributes = attributes,
            SenderId = senderId,
            MessageGroupId = group,
            MessageDeduplicationId = deduplicationId,
        };
        var append = new QueueAppend
        {
            Body = Encoding.UTF8.GetBytes(body),
            Attributes = JsonSerializer.SerializeToUtf8Bytes(message, QueuesJsonContext.Default.StoredMessage),
            Delay = TimeSpan.FromSeconds(delaySeconds),
            Group = group,
        };
        string? sequenceNumber = null;
        if (deduplicationId is not null && group is not null)
        {
            var stored = await store.AppendAsync(queue.StoreKey, append,
                new QueueDeduplication(FifoAttributes.Key(queue, group, deduplicationId), FifoAttributes.DeduplicationWindow, message.MessageId));
            sequenceNumber = FifoAttributes.SequenceNumber(stored.Id);
            if (stored.Duplicate)
            {
                return new SentMessage(stored.Tag ?? message.MessageId, message.Md5OfBody, message.Md5OfMessageAttributes, sequenceNumber);
            }
        }
        else
        {
            await store.AppendAsync(queue.StoreKey, append);
        }
        var signal = _signals.For(queue.StoreKey);
        if (delaySeconds > 0)
        {
            var now = time.GetUtcNow();
            signal.VisibleAt(now.AddSeconds(delaySeconds), now);
        }
        else
        {
            signal.Pulse();
        }
        return new SentMessage(message.MessageId, message.Md5OfBody, message.Md5OfMessageAttributes, sequenceNumber);
    }

    /// <summary>Up to <paramref name="max"/> messages, waiting up to <paramref name="wait"/> for the first (a long poll).</summary>
    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueRecord queue, int max, int visibility, TimeSpan wait, CancellationToken cancellationToken) =>
        ReceiveAsync(queue, max, visibility, wait, null, cancellationToken);

    /// <summary>As above; <paramref name="redriven"/> is called once per message this receive moved to the dead-letter queue.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueRecord queue, int max, int visibility, TimeSpan wait, Action? redriven, CancellationToken cancellationToken)
    {
        var signal = _signals.For(queue.StoreKey);
        var deadline = time.GetUtcNow() + wait;
        IReadOnlyList<QueueItem> items;
        while (true)
        {
            // Taken before looking, so a send between the look and the wait still wakes this receive.
            var pulse = signal.Next;
            items = await LeaseAsync(queue, max, visibility, redriven);
            if (items.Count > 0 || time.GetUtcNow() >= deadline)
            {
                break;
            }
            await _signals.WaitAsync(pulse, signal, deadline, cancellationToken);
        }
        var received = new List<ReceivedMessage>(items.Count);
        var now = time.GetUtcNow();
        List<Task>? firstReceives = null;
        foreach (var item in items)
        {
            var message = JsonSerializer.Deserialize(item.Attributes.Span, QueuesJsonContext.Default.StoredMessage)!;
            if (message.FirstReceivedAt is null)
            {
                // Recorded once, on the first receive, for ApproximateFirstReceiveTimestamp; the item stays invisible as leased.
                // Submitted together and awaited once, so the whole receive shares one commit instead of one commit each.
                message = message with { FirstReceivedAt = now.ToUnixTimeMilliseconds() };
                (firstReceives ??= new List<Task>(items.Count)).Add(store.ReleaseAsync(queue.StoreKey, item.Id, item.VisibleAt - now,
                    JsonSerializer.SerializeToUtf8Bytes(message, QueuesJsonContext.Default.StoredMessage)));
            }
            _receipts.Received(queue.StoreKey, item.Id, item.ReceiveCount);
            received.Add(new ReceivedMessage(message, item, new ReceiptHandle(queue.StoreKey, item.Id, item.ReceiveCount).ToString()));
        }
        if (firstReceives is not null)
        {
            await Task.WhenAll(firstReceives);
        }
        if (items.Count > 0)
        {
            signal.VisibleAt(items[0].VisibleAt, now);
        }
        return received;
    }

    /// <summary>Deletes the message a receipt names; a handle from an earlier receive succeeds and deletes nothing, as SQS documents.</summary>
    public async Task DeleteAsync(QueueRecord queue, string receiptHandle)
    {
        var handle = Handle(queue, receiptHandle);
        if (!_receipts.IsStale(handle))
        {
            await store.AcknowledgeAsync(queue.StoreKey, handle.Id);
            _receipts.Forget(queue.StoreKey, handle.Id);
            if (FifoAttributes.IsFifo(queue))
            {
                // The next message of its group may be waiting for this one: wake the receives that wait.
                _signals.For(queue.StoreKey).Pulse();
            }
        }
    }

    /// <summary>Makes the message visible again after <paramref name="timeout"/> seconds.</summary>
    public async Task ChangeVisibilityAsync(QueueRecord queue, string receiptHandle, int timeout)
    {
        var handle = Handle(queue, receiptHandle);
        if (_receipts.IsStale(handle))
        {
            throw SqsErrors.InvalidParameter("ReceiptHandle", receiptHandle, "The receipt handle has expired.");
        }
        if (!await store.ReleaseAsync(queue.StoreKey, handle.Id, TimeSpan.FromSeconds(timeout)))
        {
            throw SqsErrors.InvalidParameter("ReceiptHandle", receiptHandle, "Message does not exist or is not available for visibility timeout change.");
        }
        var signal = _signals.For(queue.StoreKey);
        if (timeout == 0)
        {
            signal.Pulse();
        }
        else
        {
            var now = time.GetUtcNow();
            signal.VisibleAt(now.AddSeconds(timeout), now);
        }
    }

    /// <summary>A purged or deleted queue: its receipts and, when deleted, its long-poll signal go with it.</summary>
    public void Forget(QueueRecord queue, bool deleted)
    {
        _receipts.ForgetQueue(queue.StoreKey);
        if (deleted)
        {
            _signals.Remove(queue.StoreKey);
        }
    }

    /// <summary>
    /// Leases visible messages; those past the retention period are deleted, and those received more often than the
    /// redrive policy allows are moved to the dead-letter queue instead of being answered.
    /// </summary>
    private async Task<IReadOnlyList<QueueItem>> LeaseAsync(QueueRecord queue, int max, int visibility, Action? redriven)
    {
        var items = await store.LeaseAsync(queue.StoreKey, new QueueLeaseRequest
        {
            Holder = Holder, MaxItems = max, Visibility = TimeSpan.FromSeconds(visibility), Grouped = FifoAttributes.IsFifo(queue),
        });
        var retention = TimeSpan.FromSeconds(QueueAttributes.Number(queue, "MessageRetentionPeriod"));
        var redrive = QueueAttributes.Redrive(queue);
        var now = time.GetUtcNow();
        var kept = new List<QueueItem>(items.Count);
        foreach (var item in items)
        {
            if (item.EnqueuedAt + retention <= now)
            {
                await store.AcknowledgeAsync(queue.StoreKey, item.Id);
            }
            else if (redrive is { } policy && item.ReceiveCount > policy.MaxReceiveCount
                && catalog.Find(policy.TargetArn[(policy.TargetArn.LastIndexOf(':') + 1)..]) is { } deadLetters)
            {
                await MoveAsync(queue, item, deadLetters, policy.TargetArn);
                redriven?.Invoke();
            }
            else
            {
                kept.Add(item);
            }
        }
        return kept;
    }

    /// <summary>
    /// Redrive: the message goes to the dead-letter queue as it was (id, attributes, first enqueue time kept by SQS),
    /// marked with the queue it came from, where StartMessageMoveTask without a destination returns it.
    /// </summary>
    private async Task MoveAsync(QueueRecord queue, QueueItem item, QueueRecord deadLetters, string deadLetterArn)
    {
        var body = await store.ReadBodyAsync(queue.StoreKey, item.Id) ?? item.Body.ToArray();
        var message = JsonSerializer.Deserialize(item.Attributes.Span, QueuesJsonContext.Default.StoredMessage)!;
        // The source's ARN differs from the dead-letter queue's only in the name (same account and region).
        var source = string.Concat(deadLetterArn.AsSpan(0, deadLetterArn.LastIndexOf(':') + 1), queue.Name);
        var attributes = JsonSerializer.SerializeToUtf8Bytes(message with { DeadLetterSourceArn = source }, QueuesJsonContext.Default.StoredMessage);
        await store.AppendAsync(deadLetters.StoreKey, new QueueAppend { Body = body, Attributes = attributes, Group = item.Group });
        await store.AcknowledgeAsync(queue.StoreKey, item.Id);
        _receipts.Forget(queue.StoreKey, item.Id);
        _signals.For(deadLetters.StoreKey).Pulse();
    }

    /// <summary>A message move task moved an item: its receipts in the source are void, long polls on the destination wake.</summary>
    internal void Moved(QueueRecord source, long id, QueueRecord destination)
    {
        _receipts.Forget(source.StoreKey, id);
        _signals.For(destination.StoreKey).Pulse();
    }

    private static ReceiptHandle Handle(QueueRecord queue, string text) =>
        ReceiptHandle.TryParse(text) is { } handle && handle.StoreKey == queue.StoreKey ? handle : throw SqsErrors.ReceiptHandleIsInvalid(text);
}
