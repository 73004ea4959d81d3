namespace Fulmen.Schedules.Firing;

/// <summary>
/// One schedule as <c>GET /_fulmen/schedules</c> lists it: when it fires next (null when nothing is left, or while
/// another node holds the lease) and what its last tick did.
/// </summary>
public sealed record ScheduleStatus(
    string Owner,
    string Id,
    string Expression,
    string Timezone,
    DateTimeOffset? NextScheduledTime,
    DateTimeOffset? NextFireTime,
    DateTimeOffset? LastScheduledTime,
    DateTimeOffset? LastFiredAt,
    string? LastResult);
