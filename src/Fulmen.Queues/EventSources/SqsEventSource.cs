using System.Globalization;
using Fulmen.Functions.Api;
using Fulmen.Functions.EventSources;
using Fulmen.Protocols.Arns;
using Fulmen.Protocols.Errors;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;

namespace Fulmen.Queues.EventSources;

/// <summary>
/// A queue as an event source mapping reads it: receives with the queue's visibility timeout (receive counts grow,
/// redrive applies), acknowledges by deleting, gives back by changing visibility. The mapping engine does the rest.
/// </summary>
public sealed class SqsEventSource(string queueName, QueueCatalog catalog, QueueMessages messages) : IEventSource
{
    private long _deadLettered;
    private Action? _redriven;

    /// <summary>The kind the mapping engine opens for <c>arn:aws:sqs:…</c> sources, and checks at Create.</summary>
    public static EventSourceKind Kind(QueueCatalog catalog, QueueMessages messages, AwsAccount account) =>
        new("sqs", arn => new SqsEventSource(NameOf(arn), catalog, messages), (arn, _) => ValueTask.FromResult(Check(arn, catalog, account)));

    /// <summary>
    /// A mapping to a queue that does not exist is refused with AWS's answer: Lambda reports the ReceiveMessage error
    /// it met when it tried the queue (another region or account is a queue it cannot see either).
    /// </summary>
    public static LambdaError? Check(string arn, QueueCatalog catalog, AwsAccount account) =>
        catalog.Find(NameOf(arn)) is { } queue && account.Arn("sqs", queue.Name).ToString() == arn
            ? null
            : LambdaError.InvalidParameter("Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. " +
                "SQS Error Message: The specified queue does not exist or you do not have access to it.");

    private static string NameOf(string arn) => arn[(arn.LastIndexOf(':') + 1)..];

    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    public async ValueTask<IReadOnlyList<SourceRecord>> ReceiveAsync(int maxRecords, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (catalog.Find(queueName) is not { } queue)
        {
            // The queue was deleted (or not made yet): nothing to read; the mapping keeps polling, as on AWS.
            await Task.Delay(wait, cancellationToken);
            return [];
        }
        // Messages the redrive policy moves on this receive count as this mapping's dead-lettered records.
        _redriven ??= () => Interlocked.Increment(ref _deadLettered);
        var received = await messages.ReceiveAsync(queue, Math.Min(maxRecords, 10), QueueAttributes.Number(queue, "VisibilityTimeout"), wait, _redriven, cancellationToken);
        return [.. received.Select(Record)];
    }

    public async ValueTask AcknowledgeAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken)
    {
        if (catalog.Find(queueName) is { } queue)
        {
            // All deletes submitted before any is awaited: the batch shares one commit of the queue store.
            var deletes = new Task[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                deletes[i] = messages.DeleteAsync(queue, records[i].ReceiptHandle);
            }
            await Task.WhenAll(deletes);
        }
    }

    public async ValueTask ReturnAsync(IReadOnlyList<SourceRecord> records, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (catalog.Find(queueName) is not { } queue)
        {
            return;
        }
        foreach (var record in records)
        {
            try
            {
                await messages.ChangeVisibilityAsync(queue, record.ReceiptHandle, (int)Math.Ceiling(delay.TotalSeconds));
            }
            catch (AwsErrorException)
            {
                // Received again meanwhile, or gone: its visibility is no longer this receipt's to change.
            }
        }
    }

    public ValueTask<SourceAttributes> GetAttributesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SourceAttributes(TimeSpan.FromSeconds(catalog.Find(queueName) is { } queue ? QueueAttributes.Number(queue, "VisibilityTimeout") : 30)));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static SourceRecord Record(ReceivedMessage received)
    {
        var message = received.Message;
        // In the order AWS writes them (FIFO: SequenceNumber and MessageGroupId before SenderId, the deduplication id after).
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ApproximateReceiveCount"] = received.Item.ReceiveCount.ToString(CultureInfo.InvariantCulture),
            ["SentTimestamp"] = received.Item.EnqueuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        };
        if (message.MessageDeduplicationId is not null)
        {
            attributes["SequenceNumber"] = FifoAttributes.SequenceNumber(received.Item.Id);
        }
        if (message.MessageGroupId is { } group)
        {
            attributes["MessageGroupId"] = group;
        }
        attributes["SenderId"] = message.SenderId;
        if (message.MessageDeduplicationId is { } deduplicationId)
        {
            attributes["MessageDeduplicationId"] = deduplicationId;
        }
        attributes["ApproximateFirstReceiveTimestamp"] = (message.FirstReceivedAt ?? received.Item.EnqueuedAt.ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture);
        return new SourceRecord
        {
            Id = message.MessageId,
            ReceiptHandle = received.ReceiptHandle,
            Body = received.Body,
            Attributes = attributes,
            MessageAttributes = message.MessageAttributes?.ToDictionary(a => a.Key, a => new SourceMessageAttribute(a.Value.DataType, a.Value.StringValue, a.Value.BinaryValue))
                ?? new Dictionary<string, SourceMessageAttribute>(),
            Md5OfBody = message.Md5OfBody,
            Md5OfMessageAttributes = message.Md5OfMessageAttributes,
        };
    }
}
