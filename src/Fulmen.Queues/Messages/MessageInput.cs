using System.Text;
using System.Text.Json.Nodes;
using Fulmen.Queues.Api;
using Fulmen.Queues.Model;

namespace Fulmen.Queues.Messages;

/// <summary>A message to send, checked as SQS checks it: characters, attributes, size.</summary>
internal static class MessageInput
{
    /// <summary>The body and message attributes of a SendMessage request or batch entry, and their size in bytes.</summary>
    public static (string Body, Dictionary<string, MessageAttributeValue>? Attributes, int Size) Read(JsonObject entry, int maximumSize)
    {
        var body = SqsRequest.String(entry, "MessageBody");
        if (string.IsNullOrEmpty(body))
        {
            throw SqsErrors.MissingParameter("MessageBody");
        }
        if (!IsValid(body))
        {
            throw SqsErrors.InvalidMessageContents();
        }
        var size = Encoding.UTF8.GetByteCount(body);
        var attributes = ReadAttributes(entry["MessageAttributes"], ref size);
        if (size > maximumSize)
        {
            throw SqsErrors.InvalidParameterValue($"One or more parameters are invalid. Reason: Message must be shorter than {maximumSize} bytes.");
        }
        return (body, attributes, size);
    }

    private static Dictionary<string, MessageAttributeValue>? ReadAttributes(JsonNode? node, ref int size)
    {
        if (node is null)
        {
            return null;
        }
        if (node is not JsonObject map)
        {
            throw SqsErrors.InvalidParameterValue("The parameter MessageAttributes must be a map.");
        }
        if (map.Count > 10)
        {
            throw SqsErrors.InvalidParameterValue($"Number of message attributes [{map.Count}] exceeds the allowed maximum [10].");
        }
        var attributes = new Dictionary<string, MessageAttributeValue>(StringComparer.Ordinal);
        foreach (var (name, value) in map)
        {
            if (value is not JsonObject attribute)
            {
                throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' must contain a structure.");
            }
            var type = SqsRequest.String(attribute, "DataType") ?? "";
            var kind = type.Split('.')[0];
            if (kind is not ("String" or "Number" or "Binary"))
            {
                throw SqsErrors.InvalidParameterValue(type.Length == 0
                    ? $"The message attribute '{name}' must contain non-empty message attribute type."
                    : $"The type of message (user) attribute '{name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
            }
            var stringValue = SqsRequest.String(attribute, "StringValue");
            var binaryValue = SqsRequest.String(attribute, "BinaryValue");
            var empty = kind == "Binary" ? string.IsNullOrEmpty(binaryValue) : string.IsNullOrEmpty(stringValue);
            if (empty)
            {
                throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{kind}'.");
            }
            byte[]? binary = null;
            if (kind == "Binary")
            {
                try
                {
                    binary = Convert.FromBase64String(binaryValue!);
                }
                catch (FormatException)
                {
                    throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' has an invalid binary value.");
                }
            }
            else if (kind == "Number" && !decimal.TryParse(stringValue, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                throw SqsErrors.InvalidParameterValue($"Can't cast the value of message (user) attribute '{name}' to a number.");
            }
            else if (!IsValid(stringValue!))
            {
                throw SqsErrors.InvalidMessageContents();
            }
            size += Encoding.UTF8.GetByteCount(name) + Encoding.UTF8.GetByteCount(type) + (binary?.Length ?? Encoding.UTF8.GetByteCount(stringValue!));
            attributes[name] = kind == "Binary"
                ? new MessageAttributeValue { DataType = type, BinaryValue = binaryValue }
                : new MessageAttributeValue { DataType = type, StringValue = stringValue };
        }
        return attributes.Count > 0 ? attributes : null;
    }

    /// <summary>SQS's allowed characters: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF.</summary>
    private static bool IsValid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (!(c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)))
            {
                return false;
            }
        }
        return true;
    }
}
