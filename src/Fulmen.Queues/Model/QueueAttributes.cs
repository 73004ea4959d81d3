using System.Globalization;
using System.Text.Json;
using Fulmen.Queues.Api;

namespace Fulmen.Queues.Model;

/// <summary>
/// The attributes a caller may set on a queue, their defaults and ranges (SQS's SetQueueAttributes), and the read-only
/// ones GetQueueAttributes computes. FIFO attributes belong to FIFO queues only (<see cref="FifoAttributes"/>).
/// </summary>
internal static class QueueAttributes
{
    public const int DefaultMaximumMessageSize = 262_144;

    /// <summary>Settable numeric attributes: default, minimum, maximum.</summary>
    private static readonly Dictionary<string, (int Default, int Min, int Max)> Numbers = new(StringComparer.Ordinal)
    {
        ["DelaySeconds"] = (0, 0, 900),
        ["MaximumMessageSize"] = (DefaultMaximumMessageSize, 1024, 262_144),
        ["MessageRetentionPeriod"] = (345_600, 60, 1_209_600),
        ["ReceiveMessageWaitTimeSeconds"] = (0, 0, 20),
        ["VisibilityTimeout"] = (30, 0, 43_200),
        ["KmsDataKeyReusePeriodSeconds"] = (300, 60, 86_400),
    };

    private static readonly HashSet<string> Texts = new(StringComparer.Ordinal)
    {
        "Policy", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId", "SqsManagedSseEnabled",
    };

    private static readonly HashSet<string> Fifo = new(StringComparer.Ordinal)
    {
        "FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit",
    };

    /// <summary>Read-only attributes (answered by GetQueueAttributes, refused by Create/SetQueueAttributes).</summary>
    public static readonly string[] Computed =
    [
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed",
        "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn",
    ];

    public static bool IsKnown(string name) => Numbers.ContainsKey(name) || Texts.Contains(name) || Fifo.Contains(name) || Computed.Contains(name);

    /// <summary>The attributes in their stored form, every one checked; throws SQS's error for the first bad one.</summary>
    /// <param name="fifo">Whether the queue is (or is being created as) a FIFO queue: only then are FIFO attributes known.</param>
    /// <param name="deadLetterIsFifo">Whether the queue an ARN names is FIFO (a redrive target must be of the source's type).</param>
    public static Dictionary<string, string> Validate(IReadOnlyDictionary<string, string> attributes, Func<string, bool> queueArnExists,
        bool fifo = false, Func<string, bool>? deadLetterIsFifo = null)
    {
        var valid = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes)
        {
            if (Fifo.Contains(name))
            {
                if (name == "FifoQueue" && value.Equals("false", StringComparison.OrdinalIgnoreCase) && !fifo)
                {
                    continue;
                }
                if (!fifo)
                {
                    throw SqsErrors.InvalidAttributeName(name);
                }
                valid[name] = FifoAttributes.Check(name, value);
                continue;
            }
            if (Numbers.TryGetValue(name, out var range))
            {
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < range.Min || number > range.Max)
                {
                    throw SqsErrors.InvalidAttributeValue(name);
                }
                valid[name] = number.ToString(CultureInfo.InvariantCulture);
                continue;
            }
            if (!Texts.Contains(name))
            {
                throw SqsErrors.InvalidAttributeName(name);
            }
            switch (name)
            {
                case "RedrivePolicy" when value.Length > 0:
                    CheckRedrivePolicy(value, queueArnExists);
                    if (deadLetterIsFifo is not null && deadLetterIsFifo(Redrive(value).TargetArn) != fifo)
                    {
                        throw SqsErrors.InvalidParameter("RedrivePolicy", value, "Dead-letter queue must be same type of queue as the source..");
                    }
                    break;
                case "RedriveAllowPolicy" when value.Length > 0:
                    CheckRedriveAllowPolicy(value);
                    break;
                case "Policy" when value.Length > 0 && !IsJsonObject(value):
                    throw SqsErrors.InvalidAttributeValue(name);
                case "SqsManagedSseEnabled" when !bool.TryParse(value, out _):
                    throw SqsErrors.InvalidAttributeValue(name);
            }
            valid[name] = value;
        }
        return valid;
    }

    /// <summary>A settable attribute's value: what was set, else its default; null for an unset text attribute.</summary>
    public static string? Value(QueueRecord queue, string name) =>
        queue.Attributes.TryGetValue(name, out var value) && value.Length > 0 ? value
        : Numbers.TryGetValue(name, out var range) ? range.Default.ToString(CultureInfo.InvariantCulture)
        : name == "SqsManagedSseEnabled" ? "true"
        : FifoAttributes.IsFifo(queue) ? FifoAttributes.Default(name)
        : null;

    public static int Number(QueueRecord queue, string name) => int.Parse(Value(queue, name)!, CultureInfo.InvariantCulture);

    /// <summary>Every settable attribute with a value, in SQS's order of <c>All</c>.</summary>
    public static IEnumerable<string> Settable => Numbers.Keys.Where(n => n != "KmsDataKeyReusePeriodSeconds").Concat(Texts).Concat(Fifo);

    /// <summary>The redrive policy's target and threshold, when the queue has one.</summary>
    public static (string TargetArn, int MaxReceiveCount)? Redrive(QueueRecord queue) =>
        Value(queue, "RedrivePolicy") is { } text ? Redrive(text) : null;

    private static (string TargetArn, int MaxReceiveCount) Redrive(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        return (root.GetProperty("deadLetterTargetArn").GetString()!, ReadInt(root.GetProperty("maxReceiveCount"))!.Value);
    }

    private static void CheckRedrivePolicy(string value, Func<string, bool> queueArnExists)
    {
        var invalid = (string reason) => SqsErrors.InvalidParameter("RedrivePolicy", value, reason);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(value);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw invalid("Redrive policy is not a valid JSON map.");
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw invalid("Redrive policy is not a valid JSON map.");
        }
        if (!root.TryGetProperty("deadLetterTargetArn", out var target) || target.ValueKind != JsonValueKind.String)
        {
            throw invalid("Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
        }
        if (!root.TryGetProperty("maxReceiveCount", out var count))
        {
            throw invalid("Redrive policy does not contain mandatory attribute: maxReceiveCount.");
        }
        if (ReadInt(count) is not ({ } max and >= 1 and <= 1000))
        {
            throw invalid("Invalid value for maxReceiveCount: must be an integer from 1 to 1000.");
        }
        if (!queueArnExists(target.GetString()!))
        {
            throw invalid("Dead letter target does not exist.");
        }
    }

    private static void CheckRedriveAllowPolicy(string value)
    {
        var invalid = (string reason) => SqsErrors.InvalidParameter("RedriveAllowPolicy", value, reason);
        try
        {
            using var document = JsonDocument.Parse(value);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("redrivePermission", out var permission)
                || permission.GetString() is not ("allowAll" or "denyAll" or "byQueue"))
            {
                throw invalid("Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.");
            }
            if (permission.GetString() == "byQueue" && !root.TryGetProperty("sourceQueueArns", out _))
            {
                throw invalid("Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.");
            }
        }
        catch (JsonException)
        {
            throw invalid("Amazon SQS can't create the redrive allow policy, as it’s in an unsupported format.");
        }
    }

    private static int? ReadInt(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt32(out var n) => n,
        JsonValueKind.String when int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static bool IsJsonObject(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
