using System.Collections.Concurrent;

namespace Fulmen.Scheduler.Model;

/// <summary>IANA zone names as the Scheduler takes them in <c>ScheduleExpressionTimezone</c>, resolved once each.</summary>
public static class SchedulerZones
{
    public const string Default = "UTC";

    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> Zones = new(StringComparer.Ordinal);

    /// <summary>The zone, or null when the system's tz database has no such IANA name.</summary>
    public static TimeZoneInfo? Find(string name) => Zones.GetOrAdd(name, static name =>
    {
        if (name.Length == 0 || name.Length > 50)
        {
            return null;
        }
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            // Only IANA ids: on Linux .NET also maps Windows names, which AWS refuses.
            return zone.HasIanaId || name == Default ? zone : null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    });
}
