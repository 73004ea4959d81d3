using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Events.Model;

/// <summary>An event bus as stored (collection <c>events-bus</c>, id = name). <c>default</c> is created at the first load.</summary>
public sealed record EventBusRecord
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Seconds since the epoch, as EventBridge reports <c>CreationTime</c>.</summary>
    public required double CreationTime { get; init; }

    public required double LastModifiedTime { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A rule as stored (collection <c>events-rule</c>, id = <c>bus/name</c>) with its targets, so a rule and its targets
/// change as one document. A rule with a <see cref="ScheduleExpression"/> is fired by the schedule engine through
/// <see cref="Scheduling.RuleScheduleOwner"/>, which finds such rules through <see cref="EventCatalog.ScheduledRules"/>.
/// </summary>
public sealed record RuleRecord
{
    public required string Name { get; init; }

    public required string EventBusName { get; init; }

    public string? EventPattern { get; init; }

    public string? ScheduleExpression { get; init; }

    /// <summary>
    /// Seconds since the epoch when the schedule last started: the rule's creation, or the PutRule or EnableRule that
    /// changed its expression or enabled it. A <c>rate(…)</c> counts from here; null on rules stored before it was kept.
    /// </summary>
    public double? ScheduleSince { get; init; }

    /// <summary><c>ENABLED</c>, <c>DISABLED</c> or <c>ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS</c>.</summary>
    public required string State { get; init; }

    public string? Description { get; init; }

    public string? RoleArn { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);

    public List<TargetRecord> Targets { get; init; } = [];

    [JsonIgnore]
    public bool IsEnabled => State is "ENABLED" or "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";
}

/// <summary>A target as the caller put it: its id, ARN and the whole target object, given back as is by ListTargetsByRule.</summary>
public sealed record TargetRecord
{
    public required string Id { get; init; }

    public required string Arn { get; init; }

    /// <summary>The target's JSON object (Input, InputPath, InputTransformer, RetryPolicy, DeadLetterConfig…).</summary>
    public required string Json { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EventBusRecord))]
[JsonSerializable(typeof(RuleRecord))]
internal sealed partial class EventsJsonContext : JsonSerializerContext;
