using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fulmen.Protocols.Errors;
using Fulmen.Queues.Api;
using Fulmen.Queues.Model;

namespace Fulmen.Queues.Messages;

/// <summary>
/// A send's FIFO parameters, checked as SQS checks them: on a FIFO queue <c>MessageGroupId</c> is required, a
/// deduplication id is given or made from the body (<c>ContentBasedDeduplication</c>), and a per-message delay is
/// refused; on a standard queue a group is allowed (fair queues) and a deduplication id is not.
/// </summary>
internal static partial class FifoInput
{
    /// <summary>SQS's alphabet of group and deduplication ids: alphanumeric and punctuation characters, 1 to 128.</summary>
    [GeneratedRegex("""^[a-zA-Z0-9!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~]{1,128}$""")]
    private static partial Regex IdPattern();

    public static (string? Group, string? DeduplicationId) Read(QueueRecord queue, JsonObject entry, string body, int? delay)
    {
        var group = SqsRequest.String(entry, "MessageGroupId");
        var deduplicationId = SqsRequest.String(entry, "MessageDeduplicationId");
        if (group is not null)
        {
            Check("MessageGroupId", group);
        }
        if (!FifoAttributes.IsFifo(queue))
        {
            if (deduplicationId is not null)
            {
                throw NotForThisQueueType("MessageDeduplicationId", deduplicationId);
            }
            return (group, null);
        }
        // A FIFO queue delays only as a whole (its DelaySeconds); 0 is accepted and changes nothing.
        if (delay is > 0)
        {
            throw NotForThisQueueType("DelaySeconds", delay.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (group is null)
        {
            throw SqsErrors.MissingParameter("MessageGroupId");
        }
        if (deduplicationId is not null)
        {
            Check("MessageDeduplicationId", deduplicationId);
        }
        else if (QueueAttributes.Value(queue, "ContentBasedDeduplication") == "true")
        {
            deduplicationId = FifoAttributes.ContentId(body);
        }
        else
        {
            throw SqsErrors.InvalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
        }
        return (group, deduplicationId);
    }

    private static void Check(string name, string value)
    {
        if (!IdPattern().IsMatch(value))
        {
            throw SqsErrors.InvalidParameter(name, value, $"{name} can only include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
    }

    private static AwsErrorException NotForThisQueueType(string name, string value) =>
        SqsErrors.InvalidParameter(name, value, "The request include parameter that is not valid for this queue type.");
}
