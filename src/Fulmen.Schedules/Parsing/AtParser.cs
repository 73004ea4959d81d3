using System.Globalization;

namespace Fulmen.Schedules.Parsing;

/// <summary><c>at(yyyy-mm-ddThh:mm:ss)</c>: a wall-clock time without offset or <c>Z</c>; the schedule's
/// <c>ScheduleExpressionTimezone</c> places it on the timeline.</summary>
internal static class AtParser
{
    public static string? TryParse(ReadOnlySpan<char> body, out DateTime wallClock)
    {
        if (body.Length != 19 || !DateTime.TryParseExact(body, "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out wallClock))
        {
            wallClock = default;
            return "at() takes yyyy-mm-ddThh:mm:ss";
        }

        wallClock = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        return null;
    }
}
