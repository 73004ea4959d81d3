using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Schedules.Firing;

/// <summary>
/// What the engine keeps of one schedule across restarts, for the schedule's <see cref="Version"/> only (a changed
/// schedule starts afresh). <see cref="Pending"/> is a tick recorded as being fired and not yet done: a crash between
/// the two writes fires it again at start (at least once); <see cref="LastFired"/> is the last tick done.
/// </summary>
public sealed record ScheduleState
{
    public required string Version { get; init; }

    /// <summary>Scheduled time of the last tick fired.</summary>
    public DateTimeOffset? LastFired { get; init; }

    /// <summary>Scheduled time of the tick being fired, when it is not done yet.</summary>
    public DateTimeOffset? Pending { get; init; }

    /// <summary>When the last tick was fired (the schedule clock).</summary>
    public DateTimeOffset? LastFiredAt { get; init; }

    /// <summary><c>Fired</c>, or <c>Failed: reason</c>.</summary>
    public string? LastResult { get; init; }
}

/// <summary>
/// One document of collection <c>schedule-state</c>: <c>owner/NN</c>, the last ticks done of the owner's schedules
/// whose id hashes to shard NN, or <c>owner/inflight</c>, the batch being fired. <see cref="Token"/> is the lease's
/// fencing token of the last writer: a writer with a lower token lost the lease and may not write.
/// </summary>
public sealed record ScheduleStateShard
{
    public long Token { get; init; }

    public Dictionary<string, ScheduleState> Schedules { get; init; } = new(StringComparer.Ordinal);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ScheduleStateShard))]
internal sealed partial class ScheduleStateJsonContext : JsonSerializerContext;
