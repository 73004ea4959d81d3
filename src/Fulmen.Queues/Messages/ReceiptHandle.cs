using System.Globalization;
using System.Text;

namespace Fulmen.Queues.Messages;

/// <summary>
/// A receipt handle names one receive of one message: the queue's store key, the item id and the receive count. A
/// handle from an earlier receive is stale once the message was received again (as on SQS).
/// </summary>
internal readonly record struct ReceiptHandle(string StoreKey, long Id, int Receive)
{
    public override string ToString() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{StoreKey}|{Id}|{Receive}")));

    public static ReceiptHandle? TryParse(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(text)).Split('|');
            return parts.Length == 3
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var receive)
                ? new ReceiptHandle(parts[0], id, receive)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
