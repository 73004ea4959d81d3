using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fulmen.Queues.Model;

namespace Fulmen.Topics.Model;

/// <summary>FIFO rules topics share with queues: a five-minute deduplication window, content-based ids, sequence numbers.</summary>
internal static class Fifo
{
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromMinutes(5);

    /// <summary>The deduplication id of a message without one: SHA-256 of the body, as SNS and SQS derive it.</summary>
    public static string ContentId(string body) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    public static string SequenceNumber(long id) => id.ToString("D20", CultureInfo.InvariantCulture);

    public static bool IsFifoQueue(QueueRecord queue) => queue.Attributes.TryGetValue("FifoQueue", out var value) && value == "true";
}
