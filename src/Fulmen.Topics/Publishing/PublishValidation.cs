using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fulmen.Topics.Model;

namespace Fulmen.Topics.Publishing;

/// <summary>SNS's checks of a message before it is accepted, in SNS's words; each problem is a value, not an exception.</summary>
internal static partial class PublishValidation
{
    public const int MaxSize = 262_144;
    private const int MaxAttributes = 10;

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,256}$")]
    private static partial Regex AttributeName();

    [GeneratedRegex(@"^[\x21-\x7E]{1,128}$")]
    private static partial Regex FifoId();

    /// <summary>The problem with the request, or null; <paramref name="structure"/> is the parsed JSON message when MessageStructure is json.</summary>
    public static PublishOutcome? Check(TopicRecord topic, PublishRequest request, out JsonDocument? structure)
    {
        structure = null;
        if (string.IsNullOrEmpty(request.Message))
        {
            return PublishOutcome.InvalidParameter("Empty message");
        }
        if (Size(request) > MaxSize)
        {
            return PublishOutcome.InvalidParameter("Message too long");
        }
        if (request.Subject is { } subject && (subject.Length is 0 or > 100 || subject.Any(c => c < 0x20 || c > 0x7E)))
        {
            return PublishOutcome.InvalidParameter("Subject");
        }
        if (request.MessageStructure is { } kind)
        {
            if (kind != "json")
            {
                return PublishOutcome.InvalidParameter("MessageStructure");
            }
            try
            {
                structure = JsonDocument.Parse(request.Message);
            }
            catch (JsonException)
            {
                return PublishOutcome.InvalidParameter("Message Structure - No JSON message body is parseable");
            }
            if (structure.RootElement.ValueKind != JsonValueKind.Object)
            {
                structure.Dispose();
                structure = null;
                return PublishOutcome.InvalidParameter("Message Structure - No JSON message body is parseable");
            }
            if (!structure.RootElement.TryGetProperty("default", out var fallback) || fallback.ValueKind != JsonValueKind.String)
            {
                structure.Dispose();
                structure = null;
                return PublishOutcome.InvalidParameter("Message Structure - No default entry in JSON message body");
            }
        }
        return CheckAttributes(request.Attributes) ?? CheckFifo(topic, request);
    }

    private static PublishOutcome? CheckAttributes(IReadOnlyDictionary<string, TopicMessageAttribute> attributes)
    {
        if (attributes.Count > MaxAttributes)
        {
            return PublishOutcome.InvalidParameter($"Number of message attributes [{attributes.Count}] exceeds the allowed maximum [{MaxAttributes}].");
        }
        foreach (var (name, value) in attributes)
        {
            if (!AttributeName().IsMatch(name) || name.StartsWith('.') || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal)
                || name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase))
            {
                return PublishOutcome.InvalidParameter($"The message attribute name '{name}' is invalid.");
            }
            var type = value.DataType;
            var baseType = type.Split('.')[0];
            if (baseType is not ("String" or "Number" or "Binary") || type.Length > 256)
            {
                return PublishOutcome.InvalidParameter(
                    $"The message attribute '{name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
            }
            if (baseType == "Binary" ? value.BinaryValue is null : string.IsNullOrEmpty(value.StringValue))
            {
                return PublishOutcome.InvalidParameter(
                    $"The message attribute '{name}' must contain non-empty message attribute value for message attribute type '{type}'.");
            }
            if (baseType == "Number" && !double.TryParse(value.StringValue, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                return PublishOutcome.InvalidParameter($"Could not cast message attribute '{name}' value to number.");
            }
            if (type == "String.Array" && !IsArray(value.StringValue!))
            {
                return PublishOutcome.InvalidParameter($"The message attribute '{name}' with type 'String.Array' has an invalid value.");
            }
        }
        return null;
    }

    private static PublishOutcome? CheckFifo(TopicRecord topic, PublishRequest request)
    {
        if (!topic.IsFifo)
        {
            return request.MessageDeduplicationId is not null
                ? PublishOutcome.InvalidParameter("MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type")
                : null;
        }
        if (request.MessageGroupId is null)
        {
            return PublishOutcome.InvalidParameter("The MessageGroupId parameter is required for FIFO topics");
        }
        if (!FifoId().IsMatch(request.MessageGroupId))
        {
            return PublishOutcome.InvalidParameter("MessageGroupId Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
        if (request.MessageDeduplicationId is { } id && !FifoId().IsMatch(id))
        {
            return PublishOutcome.InvalidParameter("MessageDeduplicationId Reason: MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.");
        }
        return request.MessageDeduplicationId is null && !topic.ContentBasedDeduplication
            ? PublishOutcome.InvalidParameter("The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
            : null;
    }

    /// <summary>The message and every attribute's name, type and value, in UTF-8 bytes, as SNS counts them.</summary>
    public static int Size(PublishRequest request) =>
        Encoding.UTF8.GetByteCount(request.Message ?? "")
        + request.Attributes.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Encoding.UTF8.GetByteCount(a.Value.DataType)
            + (a.Value.StringValue is { } s ? Encoding.UTF8.GetByteCount(s) : 0) + (a.Value.BinaryValue?.Length ?? 0));

    private static bool IsArray(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Array
                && document.RootElement.EnumerateArray().All(v => v.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
