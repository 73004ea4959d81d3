using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Scheduler.Model;

/// <summary>A schedule group as stored (collection <c>scheduler-group</c>, id = name). <c>default</c> always exists.</summary>
public sealed record ScheduleGroupRecord
{
    public required string Name { get; init; }

    /// <summary>Seconds since the epoch, as the API reports dates.</summary>
    public required double CreationDate { get; init; }

    public required double LastModificationDate { get; init; }

    public Dictionary<string, string> Tags { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A schedule as stored (collection <c>scheduler-schedule</c>, id = <c>group/name</c>): what CreateSchedule or
/// UpdateSchedule was given, checked, with AWS's defaults filled in. <see cref="Revision"/> counts the writes, so whoever
/// fires schedules sees a change.
/// </summary>
public sealed record ScheduleRecord
{
    public required string Name { get; init; }

    public required string GroupName { get; init; }

    public required string ScheduleExpression { get; init; }

    /// <summary>IANA name; <c>UTC</c> when none was given.</summary>
    public required string ScheduleExpressionTimezone { get; init; }

    public double? StartDate { get; init; }

    public double? EndDate { get; init; }

    public string? Description { get; init; }

    /// <summary><c>ENABLED</c> or <c>DISABLED</c>.</summary>
    public required string State { get; init; }

    /// <summary><c>NONE</c> or <c>DELETE</c>.</summary>
    public required string ActionAfterCompletion { get; init; }

    /// <summary><c>OFF</c> or <c>FLEXIBLE</c>.</summary>
    public required string FlexibleTimeWindowMode { get; init; }

    public int? MaximumWindowInMinutes { get; init; }

    public string? KmsKeyArn { get; init; }

    public string? ClientToken { get; init; }

    /// <summary>The target object as given (universal and service parameters included), with RetryPolicy's defaults.</summary>
    public required string TargetJson { get; init; }

    public required double CreationDate { get; init; }

    public required double LastModificationDate { get; init; }

    public long Revision { get; init; } = 1;

    [JsonIgnore]
    public bool IsEnabled => State == "ENABLED";

    [JsonIgnore]
    public string Key => ScheduleCatalog.Key(GroupName, Name);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScheduleGroupRecord))]
[JsonSerializable(typeof(ScheduleRecord))]
internal sealed partial class SchedulerJsonContext : JsonSerializerContext;
