using System.Text.Json;
using Fulmen.Functions.Api;
using Fulmen.Patterns;

namespace Fulmen.Functions.EventSources.Filtering;

/// <summary>
/// A mapping's FilterCriteria: checked when a mapping is created or updated, and applied to each record before it is
/// batched (records no filter accepts are deleted from the queue, as on AWS). Patterns are the shared matcher's
/// (<c>Fulmen.Patterns</c>, Lambda's dialect); filters are ORed.
/// </summary>
public static class MappingFilters
{
    /// <summary>AWS's default quota of filters per mapping (10 on request).</summary>
    public const int MaxFilters = 5;

    /// <summary>Null when the patterns are acceptable, else AWS's InvalidParameterValueException.</summary>
    public static LambdaError? Validate(IReadOnlyList<string> patterns)
    {
        if (patterns.Count > MaxFilters)
        {
            return LambdaError.InvalidParameter($"The number of filters in FilterCriteria exceeds the limit of {MaxFilters}.");
        }
        foreach (var pattern in patterns)
        {
            try
            {
                EventPattern.Parse(pattern, PatternDialect.LambdaFilter);
            }
            catch (InvalidPatternException e)
            {
                return LambdaError.InvalidParameter(e.Message);
            }
        }
        return null;
    }

    /// <summary>
    /// Whether a record passes: no filters, or any filter matches. The record is matched as Lambda shows it to SQS
    /// filters: <c>body</c> as JSON when it is a JSON object or array (so <c>{"body":{"kind":["order"]}}</c> works),
    /// otherwise as a string — a pattern on a JSON body then matches nothing, as on AWS.
    /// </summary>
    public static Func<SourceRecord, bool> For(IReadOnlyList<string>? patterns)
    {
        if (patterns is null || patterns.Count == 0)
        {
            return static _ => true;
        }
        var compiled = patterns.Select(p => EventPattern.Parse(p, PatternDialect.LambdaFilter)).ToArray();
        return record =>
        {
            var view = View(record);
            return Array.Exists(compiled, pattern => pattern.Matches(view));
        };
    }

    private static byte[] View(SourceRecord record)
    {
        using var buffer = new MemoryStream(256 + record.Body.Length);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("messageId", record.Id);
            json.WriteString("receiptHandle", record.ReceiptHandle);
            json.WritePropertyName("body");
            if (IsJsonStructure(record.Body))
            {
                json.WriteRawValue(record.Body, skipInputValidation: true);
            }
            else
            {
                json.WriteStringValue(record.Body);
            }
            Sqs.SqsEvent.WriteAttributes(json, record);
            json.WriteString("md5OfBody", record.Md5OfBody);
            json.WriteString("eventSource", "aws:sqs");
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static bool IsJsonStructure(string body)
    {
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] is not ('{' or '['))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
