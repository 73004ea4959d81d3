using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fulmen.Events.Delivery;

/// <summary>
/// Fills an InputTransformer's InputTemplate as EventBridge does. A placeholder inside a JSON string gets the value's
/// text, escaped for that string; outside one, a JSON template (<c>{…}</c> or <c>[…]</c>) gets the value as JSON
/// (a string keeps its quotes) and a text template gets the plain text. A path that selects nothing is <c>null</c>
/// in JSON and empty in text. <c>aws.events.event</c> and <c>aws.events.event.json</c> go in unescaped, as AWS
/// documents: only as the value of a JSON field.
/// </summary>
public static class InputTemplate
{
    public const string RuleArn = "aws.events.rule-arn";
    public const string RuleName = "aws.events.rule-name";
    public const string IngestionTime = "aws.events.event.ingestion-time";
    public const string Event = "aws.events.event";
    public const string EventJson = "aws.events.event.json";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A variable's value: JSON, or raw text put in as is (the whole event).</summary>
    public readonly record struct Value(JsonNode? Json, bool Found, string? Raw = null);

    public static string Render(string template, IReadOnlyDictionary<string, Value> values)
    {
        var json = template.TrimStart() is ['{' or '[', ..];
        var output = new StringBuilder(template.Length + 64);
        var inString = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '\\' && inString && i + 1 < template.Length)
            {
                output.Append(c).Append(template[++i]);
                continue;
            }
            if (c == '"')
            {
                inString = !inString;
                output.Append(c);
                continue;
            }
            if (c == '<')
            {
                var close = template.IndexOf('>', i + 1);
                if (close > i && values.TryGetValue(template[(i + 1)..close], out var value))
                {
                    output.Append(Substitute(value, inString, json));
                    i = close;
                    continue;
                }
            }
            output.Append(c);
        }
        return output.ToString();
    }

    private static string Substitute(Value value, bool inString, bool jsonTemplate)
    {
        if (value.Raw is not null)
        {
            return value.Raw;
        }
        if (!value.Found || value.Json is null)
        {
            return inString || !jsonTemplate ? "" : "null";
        }
        var isString = value.Json.GetValueKind() == JsonValueKind.String;
        if (!inString && jsonTemplate)
        {
            return value.Json.ToJsonString(Relaxed);
        }
        var text = isString ? value.Json.GetValue<string>() : value.Json.ToJsonString(Relaxed);
        if (!inString)
        {
            return text;
        }
        var quoted = JsonSerializer.Serialize(text, Relaxed);
        return quoted[1..^1];
    }
}
