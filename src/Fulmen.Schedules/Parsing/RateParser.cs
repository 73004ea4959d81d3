using System.Globalization;

namespace Fulmen.Schedules.Parsing;

/// <summary><c>rate(value unit)</c>: a positive integer and minute(s), hour(s) or day(s), singular exactly when the
/// value is 1 (AWS refuses <c>rate(1 minutes)</c> and <c>rate(5 minute)</c>). A day is 24 hours of elapsed time,
/// not a calendar day: AWS documents that rate schedules do not follow daylight-saving shifts.</summary>
internal static class RateParser
{
    // A period beyond this is no schedule anyone means, and keeps anchor + k·period inside DateTimeOffset.
    private static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(365 * 1000);

    public static string? TryParse(ReadOnlySpan<char> body, out TimeSpan period)
    {
        period = default;
        var space = body.IndexOf(' ');
        if (space <= 0)
        {
            return "rate needs a value and a unit separated by one space";
        }

        var digits = body[..space];
        var unit = body[(space + 1)..];
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return "the rate value is not a positive integer";
            }
        }

        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return "the rate value is not a positive integer";
        }

        var (singular, unitLength) = UnitOf(unit);
        if (unitLength == TimeSpan.Zero)
        {
            return "the rate unit is not minute(s), hour(s) or day(s)";
        }

        if (singular != (value == 1))
        {
            return "the rate unit must be singular for 1 and plural otherwise";
        }

        if (value > MaxPeriod.Ticks / unitLength.Ticks)
        {
            return "the rate period is too long";
        }

        period = TimeSpan.FromTicks(value * unitLength.Ticks);
        return null;
    }

    private static (bool Singular, TimeSpan Length) UnitOf(ReadOnlySpan<char> unit) => unit switch
    {
        "minute" => (true, TimeSpan.FromMinutes(1)),
        "minutes" => (false, TimeSpan.FromMinutes(1)),
        "hour" => (true, TimeSpan.FromHours(1)),
        "hours" => (false, TimeSpan.FromHours(1)),
        "day" => (true, TimeSpan.FromDays(1)),
        "days" => (false, TimeSpan.FromDays(1)),
        _ => (false, TimeSpan.Zero),
    };
}
