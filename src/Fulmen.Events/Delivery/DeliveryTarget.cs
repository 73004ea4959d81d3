using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Events.Model;

namespace Fulmen.Events.Delivery;

/// <summary>What a rule's matched event becomes for one target: the event, a constant, a part of it, or a template's output.</summary>
public sealed class DeliveryTarget
{
    private DeliveryTarget(string id, string arn)
    {
        Id = id;
        Arn = arn;
    }

    public string Id { get; }

    public string Arn { get; }

    /// <summary>Input: this JSON text is delivered instead of the event.</summary>
    public string? ConstantInput { get; private init; }

    public JsonPathSelector? InputPath { get; private init; }

    public IReadOnlyList<(string Name, JsonPathSelector Path)>? InputPaths { get; private init; }

    public string? Template { get; private init; }

    /// <summary>SqsParameters.MessageGroupId, for FIFO queues.</summary>
    public string? MessageGroupId { get; private init; }

    /// <summary>RetryPolicy, a member not given taking AWS's default (185 retries, 24 hours).</summary>
    public TargetRetryPolicy RetryPolicy { get; private init; } = new();

    /// <summary>DeadLetterConfig.Arn: the SQS queue an event that is not delivered goes to.</summary>
    public string? DeadLetterArn { get; private init; }

    /// <summary>The target is an event bus (bus to bus).</summary>
    public bool IsEventBus => Arn.StartsWith("arn:aws:events:", StringComparison.Ordinal) && Arn.Contains(":event-bus/", StringComparison.Ordinal);

    /// <summary>From a target as stored; PutTargets checked it, so what does not parse is simply left out.</summary>
    public static DeliveryTarget From(TargetRecord record)
    {
        var target = JsonNode.Parse(record.Json) as JsonObject ?? [];
        var transformer = target["InputTransformer"] as JsonObject;
        var paths = (transformer?["InputPathsMap"] as JsonObject)?
            .Select(p => (p.Key, Path: p.Value?.GetValueKind() == JsonValueKind.String && JsonPathSelector.TryParse(p.Value.GetValue<string>(), out var s) ? s : null))
            .Where(p => p.Path is not null)
            .Select(p => (p.Key, p.Path!))
            .ToList();
        return new DeliveryTarget(record.Id, record.Arn)
        {
            ConstantInput = Text(target["Input"]),
            InputPath = Text(target["InputPath"]) is { } path && JsonPathSelector.TryParse(path, out var selector) ? selector : null,
            InputPaths = transformer is null ? null : paths ?? [],
            Template = Text(transformer?["InputTemplate"]),
            MessageGroupId = Text((target["SqsParameters"] as JsonObject)?["MessageGroupId"]),
            RetryPolicy = RetryPolicyOf(target["RetryPolicy"] as JsonObject),
            DeadLetterArn = Text((target["DeadLetterConfig"] as JsonObject)?["Arn"]),
        };
    }

    /// <summary>The payload this target receives for <paramref name="envelope"/> (the event as EventBridge built it).</summary>
    public string Render(JsonElement envelope, string envelopeJson, string ruleArn, string ruleName, DateTimeOffset ingestion)
    {
        if (ConstantInput is not null)
        {
            return ConstantInput;
        }
        if (InputPath is not null)
        {
            return InputPath.Select(envelope, out var found) is { } selected && found ? selected.ToJsonString() : "null";
        }
        if (Template is null)
        {
            return envelopeJson;
        }
        var values = new Dictionary<string, InputTemplate.Value>(StringComparer.Ordinal)
        {
            [InputTemplate.RuleArn] = new(JsonValue.Create(ruleArn), true),
            [InputTemplate.RuleName] = new(JsonValue.Create(ruleName), true),
            [InputTemplate.IngestionTime] = new(JsonValue.Create(ingestion.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)), true),
            [InputTemplate.EventJson] = new(null, true, envelopeJson),
            [InputTemplate.Event] = new(null, true, WithoutDetail(envelope)),
        };
        foreach (var (name, path) in InputPaths ?? [])
        {
            var selected = path.Select(envelope, out var found);
            values[name] = new(selected, found);
        }
        return InputTemplate.Render(Template, values);
    }

    private static string WithoutDetail(JsonElement envelope)
    {
        var copy = new JsonObject();
        foreach (var property in envelope.EnumerateObject().Where(p => p.Name != "detail"))
        {
            copy[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }
        return copy.ToJsonString();
    }

    private static TargetRetryPolicy RetryPolicyOf(JsonObject? policy)
    {
        var defaults = new TargetRetryPolicy();
        return policy is null ? defaults : new TargetRetryPolicy(
            Number(policy["MaximumRetryAttempts"]) ?? defaults.MaximumRetryAttempts,
            Number(policy["MaximumEventAgeInSeconds"]) ?? defaults.MaximumEventAgeInSeconds);
    }

    private static int? Number(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value) ? value : null;

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}
