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

/// <summary>What a send answers: the message's id and the MD5s SQS computes.</summary>
public sealed record SentMessage(string MessageId, string Md5OfBody, string? Md5OfMessageAttributes);

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

    /// <summary>Stores one message; done once it is durable.</summary>
    public async Task<SentMessage> SendAsync(QueueRecord queue, string body, Dictionary<string, MessageAttributeValue>? attributes, string senderId, int delaySeconds)
    {
        var message = new StoredMessage
        {
            MessageId = Guid.NewGuid().ToString(),
            Md5OfBody = MessageMd5.OfBody(body),
            Md5OfMessageAttributes = MessageMd5.OfAttributes(attributes),
            MessageAttributes = attributes,
            SenderId = senderId,
        };
        await store.AppendAsync(queue.StoreKey, new QueueAppend
        {
            Body = Encoding.UTF8.GetBytes(body),
            Attributes = JsonSerializer.SerializeToUtf8Bytes(message, QueuesJsonContext.Default.StoredMessage),
            Delay = TimeSpan.FromSeconds(delaySeconds),
        });
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
        return new SentMessage(message.MessageId, message.Md5OfBody, message.Md5OfMessageAttributes);
    }

    /// <summary>Up to <paramref name="max"/> messages, waiting up to <paramref name="wait"/> for the first (a long poll).</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(QueueRecord queue, int max, int visibility, TimeSpan wait, CancellationToken cancellationToken)
    {
        var signal = _signals.For(queue.StoreKey);
        var deadline = time.GetUtcNow() + wait;
        IReadOnlyList<QueueItem> items;
        while (true)
        {
            // Taken before looking, so a send between the look and the wait still wakes this receive.
            var pulse = signal.Next;
            items = await LeaseAsync(queue, max, visibility);
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
    private async Task<IReadOnlyList<QueueItem>> LeaseAsync(QueueRecord queue, int max, int visibility)
    {
        var items = await store.LeaseAsync(queue.StoreKey, new QueueLeaseRequest { Holder = Holder, MaxItems = max, Visibility = TimeSpan.FromSeconds(visibility) });
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
                await MoveAsync(queue, item, deadLetters);
            }
            else
            {
                kept.Add(item);
            }
        }
        return kept;
    }

    /// <summary>Redrive: the message goes to the dead-letter queue as it was (id, attributes, first enqueue time kept by SQS).</summary>
    private async Task MoveAsync(QueueRecord queue, QueueItem item, QueueRecord deadLetters)
    {
        var body = await store.ReadBodyAsync(queue.StoreKey, item.Id) ?? item.Body.ToArray();
        await store.AppendAsync(deadLetters.StoreKey, new QueueAppend { Body = body, Attributes = item.Attributes });
        await store.AcknowledgeAsync(queue.StoreKey, item.Id);
        _receipts.Forget(queue.StoreKey, item.Id);
        _signals.For(deadLetters.StoreKey).Pulse();
    }

    private static ReceiptHandle Handle(QueueRecord queue, string text) =>
        ReceiptHandle.TryParse(text) is { } handle && handle.StoreKey == queue.StoreKey ? handle : throw SqsErrors.ReceiptHandleIsInvalid(text);
}
