using System.Globalization;
using Fulmen.Functions.EventSources;
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
    /// <summary>The kind the mapping engine opens for <c>arn:aws:sqs:…</c> sources.</summary>
    public static EventSourceKind Kind(QueueCatalog catalog, QueueMessages messages) =>
        new("sqs", arn => new SqsEventSource(arn[(arn.LastIndexOf(':') + 1)..], catalog, messages));

    public async ValueTask<IReadOnlyList<SourceRecord>> ReceiveAsync(int maxRecords, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (catalog.Find(queueName) is not { } queue)
        {
            // The queue was deleted (or not made yet): nothing to read; the mapping keeps polling, as on AWS.
            await Task.Delay(wait, cancellationToken);
            return [];
        }
        var received = await messages.ReceiveAsync(queue, Math.Min(maxRecords, 10), QueueAttributes.Number(queue, "VisibilityTimeout"), wait, cancellationToken);
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
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ApproximateReceiveCount"] = received.Item.ReceiveCount.ToString(CultureInfo.InvariantCulture),
            ["SentTimestamp"] = received.Item.EnqueuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["SenderId"] = message.SenderId,
            ["ApproximateFirstReceiveTimestamp"] = (message.FirstReceivedAt ?? received.Item.EnqueuedAt.ToUnixTimeMilliseconds()).ToString(CultureInfo.InvariantCulture),
        };
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
