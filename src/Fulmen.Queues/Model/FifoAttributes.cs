using System.Security.Cryptography;
using System.Text;
using Fulmen.Queues.Api;

namespace Fulmen.Queues.Model;

/// <summary>
/// What makes a queue FIFO: its name (<c>.fifo</c>), <c>FifoQueue</c> (fixed at creation), and the settings of
/// deduplication (<c>ContentBasedDeduplication</c>, <c>DeduplicationScope</c>) and throughput (<c>FifoThroughputLimit</c>,
/// stored and answered; Fulmen sets no throughput limit).
/// </summary>
internal static class FifoAttributes
{
    public const string Suffix = ".fifo";

    /// <summary>SQS's deduplication interval.</summary>
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromMinutes(5);

    public static bool IsFifo(QueueRecord queue) => queue.Attributes.TryGetValue("FifoQueue", out var value) && value == "true";

    /// <summary>Whether CreateQueue's attributes ask for a FIFO queue.</summary>
    public static bool Requested(IReadOnlyDictionary<string, string> attributes) =>
        attributes.TryGetValue("FifoQueue", out var value) && value.Equals("true", StringComparison.OrdinalIgnoreCase);

    public static string? Default(string name) => name switch
    {
        "FifoQueue" => "true",
        "ContentBasedDeduplication" => "false",
        "DeduplicationScope" => "queue",
        "FifoThroughputLimit" => "perQueue",
        _ => null,
    };

    /// <summary>A FIFO attribute's value in its stored form, or SQS's error.</summary>
    public static string Check(string name, string value) => name switch
    {
        "FifoQueue" or "ContentBasedDeduplication" when bool.TryParse(value, out var flag) => flag ? "true" : "false",
        "DeduplicationScope" when value is "queue" or "messageGroup" => value,
        "FifoThroughputLimit" when value is "perQueue" or "perMessageGroupId" => value,
        _ => throw SqsErrors.InvalidAttributeValue(name),
    };

    /// <summary>
    /// The one rule between attributes: throughput per message group needs deduplication per message group (checked on
    /// the attributes a queue would have after the change).
    /// </summary>
    public static void CheckCombination(Func<string, string?> value)
    {
        if (value("FifoThroughputLimit") == "perMessageGroupId" && value("DeduplicationScope") != "messageGroup")
        {
            throw SqsErrors.Error("InvalidAttributeValue", "InvalidAttributeValue",
                "Invalid value for the parameter FifoThroughputLimit. Reason: perMessageGroupId requires DeduplicationScope to be messageGroup.");
        }
    }

    /// <summary>The deduplication id content-based deduplication uses: SHA-256 of the body, in hex.</summary>
    public static string ContentId(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    /// <summary>The store's deduplication key: per queue, or per message group when the queue says so.</summary>
    public static string Key(QueueRecord queue, string group, string deduplicationId) =>
        QueueAttributes.Value(queue, "DeduplicationScope") == "messageGroup" ? $"{group}\n{deduplicationId}" : deduplicationId;

    /// <summary>The SequenceNumber SQS answers: the item's id, which grows in append order, as a 20-digit number.</summary>
    public static string SequenceNumber(long id) => id.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
}
