using System.Text.Json.Nodes;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;

namespace Fulmen.Queues.Api;

/// <summary>Sending, receiving (long polls included), deleting and changing the visibility of messages.</summary>
public sealed partial class SqsApi
{
    private async Task<JsonObject> SendMessageAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        return await SendAsync(queue, request.Body);
    }

    /// <summary>Stores one message (a SendMessage, or one batch entry); its task completes once the message is durable.</summary>
    private async Task<JsonObject> SendAsync(QueueRecord queue, JsonObject entry)
    {
        var (body, attributes, _) = MessageInput.Read(entry, QueueAttributes.Number(queue, "MaximumMessageSize"));
        var delay = SqsRequest.IntBetween(entry, "DelaySeconds", 0, 900, "must be between 0 and 900, if provided.");
        var (group, deduplicationId) = FifoInput.Read(queue, entry, body, delay);
        var sent = await messages.SendAsync(queue, body, attributes, account.AccountId,
            FifoAttributes.IsFifo(queue) || delay is null ? QueueAttributes.Number(queue, "DelaySeconds") : delay.Value, group, deduplicationId);
        var result = new JsonObject { ["MD5OfMessageBody"] = sent.Md5OfBody };
        if (sent.Md5OfMessageAttributes is { } md5)
        {
            result["MD5OfMessageAttributes"] = md5;
        }
        result["MessageId"] = sent.MessageId;
        if (sent.SequenceNumber is { } sequence)
        {
            result["SequenceNumber"] = sequence;
        }
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
        var received = await messages.ReceiveAsync(queue, max, visibility, TimeSpan.FromSeconds(wait), request.Aborted);
        var answer = new JsonArray();
        foreach (var message in received)
        {
            answer.Add(selection.Write(message.Message, message.Item, message.ReceiptHandle));
        }
        return answer.Count > 0 ? new JsonObject { ["Messages"] = answer } : [];
    }

    private async Task<JsonObject> DeleteMessageAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        await messages.DeleteAsync(queue, request.RequiredString("ReceiptHandle"));
        return [];
    }

    private async Task<JsonObject> ChangeMessageVisibilityAsync(SqsRequest request)
    {
        var queue = await QueueAsync(request);
        var handle = request.RequiredString("ReceiptHandle");
        var timeout = request.IntBetween("VisibilityTimeout", 0, 43_200) ?? throw SqsErrors.MissingParameter("VisibilityTimeout");
        await messages.ChangeVisibilityAsync(queue, handle, timeout);
        return [];
    }
}
