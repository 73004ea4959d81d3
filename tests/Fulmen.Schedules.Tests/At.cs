using System.Globalization;

namespace Fulmen.Schedules.Tests;

/// <summary>Test helpers: ISO instants and zones.</summary>
internal static class At
{
    public static DateTimeOffset Instant(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static DateTimeOffset? OptionalInstant(string? iso) => iso is null ? null : Instant(iso);

    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    public static ScheduleExpression Rule(string expression) =>
        ScheduleExpression.Parse(expression, ScheduleDialect.EventBridgeRule);

    public static ScheduleExpression Schedule(string expression) =>
        ScheduleExpression.Parse(expression, ScheduleDialect.Scheduler);
}
