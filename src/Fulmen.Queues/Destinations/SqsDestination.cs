using System.Text;
using Fulmen.Functions.Async.Destinations;
using Fulmen.Protocols.Arns;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;

namespace Fulmen.Queues.Destinations;

/// <summary>
/// A queue as an asynchronous invocation's OnSuccess or OnFailure destination (the invocation record, AWS's JSON
/// document, becomes one message) and as a function's dead-letter queue (the event itself, with <c>RequestID</c>,
/// <c>ErrorCode</c> and <c>ErrorMessage</c> attributes). Sent by the function's account, done once durable.
/// </summary>
public sealed class SqsDestination(QueueCatalog catalog, QueueMessages messages, AwsAccount account) : IDestination, IDeadLetterQueue
{
    public bool Handles(string arn) => arn.StartsWith("arn:aws:sqs:", StringComparison.Ordinal);

    public ValueTask<bool> ExistsAsync(string arn, CancellationToken cancellationToken) => ValueTask.FromResult(Find(arn) is not null);

    public async Task SendAsync(string arn, DestinationRecord record, CancellationToken cancellationToken)
    {
        var queue = Find(arn) ?? throw new DestinationException($"Could not deliver to {arn}: the queue does not exist.");
        await messages.SendAsync(queue, Encoding.UTF8.GetString(record.ToJson()), attributes: null, account.AccountId, delaySeconds: 0);
    }

    public async Task SendAsync(string arn, ReadOnlyMemory<byte> eventPayload, DeadLetterAttributes attributes, CancellationToken cancellationToken)
    {
        var queue = Find(arn) ?? throw new DestinationException($"Could not deliver to {arn}: the queue does not exist.");
        var values = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal)
        {
            ["RequestID"] = new() { DataType = "String", StringValue = attributes.RequestId },
            ["ErrorCode"] = new() { DataType = "Number", StringValue = attributes.ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["ErrorMessage"] = new() { DataType = "String", StringValue = attributes.ErrorMessage },
        };
        await messages.SendAsync(queue, Encoding.UTF8.GetString(eventPayload.Span), values, account.AccountId, delaySeconds: 0);
    }

    /// <summary>The queue an ARN names, when it is one of this server's (its region and account).</summary>
    private QueueRecord? Find(string arn) =>
        Arn.TryParse(arn, out var parsed) && parsed.Service == "sqs" && parsed.Region == account.Region && parsed.Account == account.AccountId
            ? catalog.Find(parsed.Resource)
            : null;
}
