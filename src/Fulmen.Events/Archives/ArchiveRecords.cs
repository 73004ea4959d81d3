using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Events.Archives;

/// <summary>
/// An archive as stored (collection <c>events-archive</c>, id = name). Its events are documents of their own collection
/// (<see cref="EventsCollection"/>), so an archive created again under the same name starts empty.
/// </summary>
public sealed record ArchiveRecord
{
    public required string Name { get; init; }

    /// <summary>The ARN of the bus whose events it keeps.</summary>
    public required string EventSourceArn { get; init; }

    public required string BusName { get; init; }

    public string? Description { get; init; }

    public string? EventPattern { get; init; }

    /// <summary>0: kept indefinitely (AWS's default).</summary>
    public int RetentionDays { get; init; }

    public required double CreationTime { get; init; }

    public required string StoreKey { get; init; }

    [JsonIgnore]
    public string EventsCollection => $"events-archived/{StoreKey}";
}

/// <summary>A replay as stored (collection <c>events-replay</c>, id = name), with how far it got, so a restart resumes it.</summary>
public sealed record ReplayRecord
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The archive's ARN.</summary>
    public required string EventSourceArn { get; init; }

    public required string ArchiveName { get; init; }

    /// <summary>The archive's events collection when the replay started.</summary>
    public required string EventsCollection { get; init; }

    public required string DestinationArn { get; init; }

    public required string BusName { get; init; }

    public List<string> FilterArns { get; init; } = [];

    public required double EventStartTime { get; init; }

    public required double EventEndTime { get; init; }

    /// <summary>STARTING, RUNNING, CANCELLING, COMPLETED, CANCELLED or FAILED.</summary>
    public required string State { get; init; }

    public string? StateReason { get; init; }

    public required double ReplayStartTime { get; init; }

    public double? ReplayEndTime { get; init; }

    public double? EventLastReplayedTime { get; init; }

    /// <summary>The id of the last archived event replayed; the next page starts after it.</summary>
    public string? Cursor { get; init; }

    [JsonIgnore]
    public bool IsActive => State is ReplayStates.Starting or ReplayStates.Running or ReplayStates.Cancelling;
}

public static class ReplayStates
{
    public const string Starting = "STARTING";
    public const string Running = "RUNNING";
    public const string Cancelling = "CANCELLING";
    public const string Completed = "COMPLETED";
    public const string Cancelled = "CANCELLED";
    public const string Failed = "FAILED";

    public static readonly string[] All = [Cancelled, Cancelling, Completed, Failed, Running, Starting];
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ArchiveRecord))]
[JsonSerializable(typeof(ReplayRecord))]
internal sealed partial class ArchivesJsonContext : JsonSerializerContext;
