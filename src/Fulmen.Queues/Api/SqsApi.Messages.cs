using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;
using Fulmen.Storage.Queues;

namespace Fulmen.Queues.Api;

/// <summary>Sending, receiving (long polls included), deleting and changing the visibility of messages.</summary>
public sealed partial class SqsApi
{
    private const string Holder = "sqs";

    private async Task<JsonObject> SendMessageAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        return await SendAsync(queue, request.Body);
    }

    /// <summary>Stores one message (a SendMessage, or one batch entry); its task completes once the message is durable.</summary>
    private async Task<JsonObject> SendAsync(QueueRecord queue, JsonObject entry)
    {
        var (body, attributes, _) = MessageInput.Read(entry, QueueAttributes.Number(queue, "MaximumMessageSize"));
        var delay = SqsRequest.IntBetween(entry, "DelaySeconds", 0, 900, "must be between 0 and 900, if provided.")
            ?? QueueAttributes.Number(queue, "DelaySeconds");
        var message = new StoredMessage
        {
            MessageId = Guid.NewGuid().ToString(),
            Md5OfBody = MessageMd5.OfBody(body),
            Md5OfMessageAttributes = MessageMd5.OfAttributes(attributes),
            MessageAttributes = attributes,
            SenderId = account.AccountId,
        };
        await store.AppendAsync(queue.StoreKey, new QueueAppend
        {
            Body = Encoding.UTF8.GetBytes(body),
            Attributes = JsonSerializer.SerializeToUtf8Bytes(message, QueuesJsonContext.Default.StoredMessage),
            Delay = TimeSpan.FromSeconds(delay),
        });
        var signal = _signals.For(queue.StoreKey);
        if (delay > 0)
        {
            var now = time.GetUtcNow();
            signal.VisibleAt(now.AddSeconds(delay), now);
        }
        else
        {
            signal.Pulse();
        }
        var result = new JsonObject { ["MD5OfMessageBody"] = message.Md5OfBody };
        if (message.Md5OfMessageAttributes is { } md5)
        {
            result["MD5OfMessageAttributes"] = md5;
        }
        result["MessageId"] = message.MessageId;
        return result;
    }

    private async Task<JsonObject> ReceiveMessageAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        var max = request.IntBetween("MaxNumberOfMessages", 1, 10) ?? 1;
        var visibility = request.IntBetween("VisibilityTimeout", 0, 43_200) ?? QueueAttributes.Number(queue, "VisibilityTimeout");
        var wait = request.IntBetween("WaitTimeSeconds", 0, 20, "Must be >= 0 and <= 20, if provided.")
            ?? QueueAttributes.Number(queue, "ReceiveMessageWaitTimeSeconds");
        var selection = new MessageSelection(
            [.. request.Strings("AttributeNames"), .. request.Strings("MessageSystemAttributeNames")],
            request.Strings("MessageAttributeNames"));
        var signal = _signals.For(queue.StoreKey);
        var deadline = time.GetUtcNow().AddSeconds(wait);
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
            await _signals.WaitAsync(pulse, signal, deadline, request.Aborted);
        }
        var messages = new JsonArray();
        var now = time.GetUtcNow();
        foreach (var item in items)
        {
            var message = JsonSerializer.Deserialize(item.Attributes.Span, QueuesJsonContext.Default.StoredMessage)!;
            if (message.FirstReceivedAt is null)
            {
                // Recorded once, on the first receive, for ApproximateFirstReceiveTimestamp; the item stays invisible as leased.
                message = message with { FirstReceivedAt = now.ToUnixTimeMilliseconds() };
                await store.ReleaseAsync(queue.StoreKey, item.Id, item.VisibleAt - now,
                    JsonSerializer.SerializeToUtf8Bytes(message, QueuesJsonContext.Default.StoredMessage));
            }
            _receipts.Received(queue.StoreKey, item.Id, item.ReceiveCount);
            messages.Add(selection.Write(message, item, new ReceiptHandle(queue.StoreKey, item.Id, item.ReceiveCount).ToString()));
        }
        if (items.Count > 0)
        {
            signal.VisibleAt(items[0].VisibleAt, now);
        }
        return messages.Count > 0 ? new JsonObject { ["Messages"] = messages } : [];
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

    private async Task<JsonObject> DeleteMessageAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        await DeleteAsync(queue, request.RequiredString("ReceiptHandle"));
        return [];
    }

    private async Task DeleteAsync(QueueRecord queue, string text)
    {
        var handle = Handle(queue, text);
        // A handle from an earlier receive: the call succeeds and the message stays (SQS's documented behaviour).
        if (!_receipts.IsStale(handle))
        {
            await store.AcknowledgeAsync(queue.StoreKey, handle.Id);
            _receipts.Forget(queue.StoreKey, handle.Id);
        }
    }

    private async Task<JsonObject> ChangeMessageVisibilityAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        var handle = request.RequiredString("ReceiptHandle");
        var timeout = request.IntBetween("VisibilityTimeout", 0, 43_200) ?? throw SqsErrors.MissingParameter("VisibilityTimeout");
        await ChangeVisibilityAsync(queue, handle, timeout);
        return [];
    }

    private async Task ChangeVisibilityAsync(QueueRecord queue, string text, int timeout)
    {
        var handle = Handle(queue, text);
        if (_receipts.IsStale(handle))
        {
            throw SqsErrors.InvalidParameter("ReceiptHandle", text, "The receipt handle has expired.");
        }
        if (!await store.ReleaseAsync(queue.StoreKey, handle.Id, TimeSpan.FromSeconds(timeout)))
        {
            throw SqsErrors.InvalidParameter("ReceiptHandle", text, "Message does not exist or is not available for visibility timeout change.");
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

    private static ReceiptHandle Handle(QueueRecord queue, string text) =>
        ReceiptHandle.TryParse(text) is { } handle && handle.StoreKey == queue.StoreKey ? handle : throw SqsErrors.ReceiptHandleIsInvalid(text);
}
