using System.Globalization;
using System.Text;
using Fulmen.Functions.Async.Destinations;
using Fulmen.Topics.Model;
using Fulmen.Topics.Publishing;

namespace Fulmen.Topics.Destinations;

/// <summary>
/// A topic as an asynchronous invocation's OnSuccess or OnFailure destination (the invocation record, AWS's JSON
/// document, is the message) and as a function's dead-letter queue (the event is the message, with <c>RequestID</c>,
/// <c>ErrorCode</c> and <c>ErrorMessage</c> attributes). Done once the topic's deliveries are stored.
/// </summary>
public sealed class TopicDestination(TopicCatalog catalog, TopicArns arns, ITopicPublisher publisher) : IDestination, IDeadLetterQueue
{
    public bool Handles(string arn) => arn.StartsWith("arn:aws:sns:", StringComparison.Ordinal);

    public async ValueTask<bool> ExistsAsync(string arn, CancellationToken cancellationToken) =>
        arns.TopicName(arn) is { } name && await catalog.FindTopicAsync(name, cancellationToken) is not null;

    public Task SendAsync(string arn, DestinationRecord record, CancellationToken cancellationToken) =>
        PublishAsync(arn, Encoding.UTF8.GetString(record.ToJson()), null, cancellationToken);

    public Task SendAsync(string arn, ReadOnlyMemory<byte> eventPayload, DeadLetterAttributes attributes, CancellationToken cancellationToken) =>
        PublishAsync(arn, Encoding.UTF8.GetString(eventPayload.Span), new Dictionary<string, TopicMessageAttribute>(StringComparer.Ordinal)
        {
            ["RequestID"] = TopicMessageAttribute.String(attributes.RequestId),
            ["ErrorCode"] = new("Number", attributes.ErrorCode.ToString(CultureInfo.InvariantCulture)),
            ["ErrorMessage"] = TopicMessageAttribute.String(attributes.ErrorMessage.Length > 0 ? attributes.ErrorMessage : "-"),
        }, cancellationToken);

    private async Task PublishAsync(string arn, string message, IReadOnlyDictionary<string, TopicMessageAttribute>? attributes, CancellationToken cancellationToken)
    {
        var outcome = await publisher.PublishAsync(arn, message, null, attributes, cancellationToken);
        if (!outcome.Published)
        {
            throw new DestinationException($"Could not deliver to {arn}: {outcome.ErrorCode}: {outcome.ErrorMessage}");
        }
    }
}
