using System.Text.Json.Nodes;

namespace Fulmen.Pipes.Model;

/// <summary>What running a pipe needs of its stored parameters, read once per start of its poller.</summary>
public sealed record PipeSettings
{
    /// <summary>AWS's default batch size for an SQS source.</summary>
    public const int DefaultBatchSize = 10;

    public int BatchSize { get; init; } = DefaultBatchSize;
    public int MaximumBatchingWindowInSeconds { get; init; }
    /// <summary>The FilterCriteria's patterns, or null without filters.</summary>
    public IReadOnlyList<string>? FilterPatterns { get; init; }
    public string? EnrichmentInputTemplate { get; init; }
    public string? TargetInputTemplate { get; init; }
    /// <summary>REQUEST_RESPONSE (the default) or FIRE_AND_FORGET.</summary>
    public string InvocationType { get; init; } = "REQUEST_RESPONSE";
    public string? MessageGroupId { get; init; }
    public string? MessageDeduplicationId { get; init; }
    public string? DetailType { get; init; }
    public string? EventSource { get; init; }
    public IReadOnlyList<string> Resources { get; init; } = [];
    /// <summary>EventBridgeEventBusParameters.Time: a JSON path into the event giving the event's time.</summary>
    public string? TimePath { get; init; }

    public static PipeSettings From(PipeRecord pipe)
    {
        var source = Parse(pipe.SourceParameters);
        var sqs = source?["SqsQueueParameters"] as JsonObject;
        var filters = (source?["FilterCriteria"] as JsonObject)?["Filters"] as JsonArray;
        var target = Parse(pipe.TargetParameters);
        var lambda = target?["LambdaFunctionParameters"] as JsonObject;
        var queue = target?["SqsQueueParameters"] as JsonObject;
        var bus = target?["EventBridgeEventBusParameters"] as JsonObject;
        return new PipeSettings
        {
            BatchSize = Int(sqs?["BatchSize"]) ?? DefaultBatchSize,
            MaximumBatchingWindowInSeconds = Int(sqs?["MaximumBatchingWindowInSeconds"]) ?? 0,
            FilterPatterns = filters is null ? null : [.. filters.Select(f => Text((f as JsonObject)?["Pattern"])).OfType<string>()],
            EnrichmentInputTemplate = Text(Parse(pipe.EnrichmentParameters)?["InputTemplate"]),
            TargetInputTemplate = Text(target?["InputTemplate"]),
            InvocationType = Text(lambda?["InvocationType"]) ?? "REQUEST_RESPONSE",
            MessageGroupId = Text(queue?["MessageGroupId"]),
            MessageDeduplicationId = Text(queue?["MessageDeduplicationId"]),
            DetailType = Text(bus?["DetailType"]),
            EventSource = Text(bus?["Source"]),
            Resources = bus?["Resources"] is JsonArray resources ? [.. resources.Select(Text).OfType<string>()] : [],
            TimePath = Text(bus?["Time"]),
        };
    }

    internal static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}
