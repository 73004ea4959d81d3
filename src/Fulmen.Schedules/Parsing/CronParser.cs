using Cronos;
using Fulmen.Schedules.Evaluation;

namespace Fulmen.Schedules.Parsing;

/// <summary><c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c>. AWS's own rules are checked here (six
/// fields, the characters each field allows, exactly one of the day fields <c>?</c>, AWS's 1 = Sunday weekday
/// numbering, the year); Cronos then checks and evaluates the first five fields in its standard format.</summary>
internal static class CronParser
{
    private const string Minutes = "0123456789,-*/";
    private const string DayOfMonth = "0123456789,-*/?LW";
    private const string Month = "0123456789,-*/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string? TryParse(ReadOnlySpan<char> body, out AwsCron? cron)
    {
        cron = null;
        Span<Range> ranges = stackalloc Range[7];
        if (body.Split(ranges, ' ') != 6)
        {
            return "cron needs six fields separated by single spaces";
        }

        var minutes = body[ranges[0]];
        var hours = body[ranges[1]];
        var dayOfMonth = body[ranges[2]];
        var month = body[ranges[3]];
        var dayOfWeek = body[ranges[4]];
        var year = body[ranges[5]];
        if (!Allows(minutes, Minutes) || !Allows(hours, Minutes) || !Allows(dayOfMonth, DayOfMonth)
            || !Allows(month, Month))
        {
            return "a field holds a character it does not allow";
        }

        var domAny = dayOfMonth is "?";
        var dowAny = dayOfWeek is "?";
        if (domAny == dowAny)
        {
            return "exactly one of day-of-month and day-of-week must be ?";
        }

        if ((!domAny && dayOfMonth.Contains('?')) || (!dowAny && dayOfWeek.Contains('?')))
        {
            return "? stands alone in its field";
        }

        var weekdays = "?";
        if (!dowAny)
        {
            var dowError = DayOfWeekField.TryTranslate(dayOfWeek, out weekdays);
            if (dowError is not null)
            {
                return dowError;
            }
        }

        var yearError = YearField.TryParse(year, out var years);
        if (yearError is not null)
        {
            return yearError;
        }

        var standard = $"{minutes} {hours} {dayOfMonth} {month} {weekdays}";
        if (!CronExpression.TryParse(standard, CronFormat.Standard, out var expression))
        {
            return "Cronos refuses the fields";
        }

        cron = new AwsCron(expression, years);
        return null;
    }

    private static bool Allows(ReadOnlySpan<char> field, string allowed) =>
        !field.IsEmpty && !field.ContainsAnyExcept(allowed);
}
