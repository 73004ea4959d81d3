using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Events.Delivery;

namespace Fulmen.Pipes.Running;

/// <summary>What a pipe's reserved template variables name.</summary>
public sealed record PipeContext(string PipeArn, string PipeName, string SourceArn, string? EnrichmentArn, string TargetArn);

/// <summary>
/// A pipe's InputTemplate as AWS documents it: <c>&lt;$.path&gt;</c> placeholders into the event and the reserved
/// <c>&lt;aws.pipes.*&gt;</c> variables, filled by the same rules as an EventBridge InputTransformer
/// (<see cref="InputTemplate"/>). An SQS record's <c>body</c> that holds JSON is read as JSON (implicit body parsing),
/// so <c>&lt;$.body.key&gt;</c> works.
/// </summary>
public sealed class PipeTemplate
{
    private readonly string _template;
    private readonly (string Name, JsonPathSelector? Path)[] _placeholders;

    private PipeTemplate(string template, (string, JsonPathSelector?)[] placeholders)
    {
        _template = template;
        _placeholders = placeholders;
    }

    /// <summary>Null for no template (the event goes on as it is).</summary>
    public static PipeTemplate? Parse(string? template)
    {
        if (template is null)
        {
            return null;
        }
        var placeholders = new List<(string, JsonPathSelector?)>();
        for (var open = template.IndexOf('<', StringComparison.Ordinal); open >= 0; open = template.IndexOf('<', open + 1))
        {
            var close = template.IndexOf('>', open + 1);
            if (close < 0)
            {
                break;
            }
            var name = template[(open + 1)..close];
            if (name.StartsWith('$') && JsonPathSelector.TryParse(name, out var path))
            {
                placeholders.Add((name, path));
            }
            else if (name.StartsWith("aws.pipes.", StringComparison.Ordinal))
            {
                placeholders.Add((name, null));
            }
        }
        return new PipeTemplate(template, [.. placeholders]);
    }

    /// <summary>The filled template for one event (given as its JSON text).</summary>
    public string Render(string eventJson, PipeContext context, DateTimeOffset ingestion)
    {
        var parsed = WithParsedBody(eventJson);
        var root = parsed is null ? default : JsonSerializer.SerializeToElement(parsed, PipeRunJsonContext.Default.JsonNode);
        var values = new Dictionary<string, InputTemplate.Value>(StringComparer.Ordinal);
        foreach (var (name, path) in _placeholders)
        {
            values[name] = path is not null
                ? (parsed is null ? new InputTemplate.Value(null, false) : new InputTemplate.Value(path.Select(root, out var found), found))
                : Reserved(name, eventJson, parsed, context, ingestion);
        }
        return InputTemplate.Render(_template, values);
    }

    private static InputTemplate.Value Reserved(string name, string eventJson, JsonNode? parsed, PipeContext context, DateTimeOffset ingestion) => name switch
    {
        "aws.pipes.pipe-arn" => Text(context.PipeArn),
        "aws.pipes.pipe-name" => Text(context.PipeName),
        "aws.pipes.source-arn" => Text(context.SourceArn),
        "aws.pipes.enrichment-arn" => Text(context.EnrichmentArn ?? ""),
        "aws.pipes.target-arn" => Text(context.TargetArn),
        "aws.pipes.event.ingestion-time" => Text(ingestion.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        // Unescaped, as AWS documents: only as the value of a JSON member.
        "aws.pipes.event" => new InputTemplate.Value(null, true, eventJson),
        "aws.pipes.event.json" => parsed is null ? new InputTemplate.Value(null, false) : new InputTemplate.Value(null, true, parsed.ToJsonString()),
        _ => new InputTemplate.Value(null, false),
    };

    private static InputTemplate.Value Text(string value) => new(JsonValue.Create(value), true);

    /// <summary>The event as JSON with an SQS <c>body</c> that holds a JSON object or array read as JSON; null when it is not JSON.</summary>
    public static JsonNode? WithParsedBody(string eventJson)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(eventJson);
        }
        catch (JsonException)
        {
            return null;
        }
        if (node is JsonObject record && record["body"] is JsonValue body && body.TryGetValue<string>(out var text) && text.TrimStart() is ['{' or '[', ..])
        {
            try
            {
                record["body"] = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON after all: the body stays a string, as AWS leaves it.
            }
        }
        return node;
    }
}
