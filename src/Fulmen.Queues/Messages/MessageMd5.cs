using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Fulmen.Queues.Model;

namespace Fulmen.Queues.Messages;

/// <summary>
/// The checksums SQS answers and SDKs verify: MD5 of the body's UTF-8 bytes, and of the message attributes encoded
/// as AWS does (sorted by name; each: name, data type, transport byte 1 for strings and numbers or 2 for binary,
/// value; every string and value preceded by its length as a 4-byte big-endian integer).
/// </summary>
internal static class MessageMd5
{
    public static string OfBody(string body) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));

    /// <summary>Null when there are no attributes: SQS then omits <c>MD5OfMessageAttributes</c>.</summary>
    public static string? OfAttributes(IReadOnlyDictionary<string, MessageAttributeValue>? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Write(buffer, Encoding.UTF8.GetBytes(name));
            Write(buffer, Encoding.UTF8.GetBytes(value.DataType));
            if (value.BinaryValue is { } binary)
            {
                buffer.WriteByte(2);
                Write(buffer, Convert.FromBase64String(binary));
            }
            else
            {
                buffer.WriteByte(1);
                Write(buffer, Encoding.UTF8.GetBytes(value.StringValue ?? ""));
            }
        }
        return Convert.ToHexStringLower(MD5.HashData(buffer.ToArray()));
    }

    private static void Write(MemoryStream buffer, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        buffer.Write(length);
        buffer.Write(bytes);
    }
}
