using System.Globalization;
using System.Text;

namespace Fulmen.Schedules.Parsing;

/// <summary>Rewrites AWS's day-of-week field (1–7, 1 = Sunday, names SUN–SAT) into Cronos's numbering (0–6,
/// 0 = Sunday). Every value becomes a number and every step gets an explicit end, because Cronos's weekday range
/// reaches 7 (Sunday again): AWS's <c>2/2</c> is Mon, Wed, Fri and must not become Cronos's <c>1/2</c> (which adds
/// 7 = Sunday). A lone <c>L</c> is the week's last day, Saturday.</summary>
internal static class DayOfWeekField
{
    private static readonly string[] Names = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static string? TryTranslate(ReadOnlySpan<char> field, out string translated)
    {
        translated = "";
        if (field.Contains('#') && field.Contains(','))
        {
            return "day-of-week with # takes one expression";
        }

        var builder = new StringBuilder(field.Length + 8);
        foreach (var range in field.Split(','))
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            var error = TranslateItem(field[range], builder);
            if (error is not null)
            {
                return error;
            }
        }

        translated = builder.ToString();
        return null;
    }

    private static string? TranslateItem(ReadOnlySpan<char> item, StringBuilder into)
    {
        if (item is "*")
        {
            into.Append('*');
            return null;
        }

        if (item is "L")
        {
            into.Append('6');
            return null;
        }

        var hash = item.IndexOf('#');
        if (hash > 0)
        {
            var nth = item[(hash + 1)..];
            if (Day(item[..hash]) is not { } hashDay || nth.Length != 1 || nth[0] is < '1' or > '5')
            {
                return "day-of-week # needs a weekday and 1-5";
            }

            into.Append(hashDay).Append('#').Append(nth);
            return null;
        }

        if (item.Length > 1 && item[^1] == 'L')
        {
            if (Day(item[..^1]) is not { } lastDay)
            {
                return "day-of-week L needs a weekday";
            }

            into.Append(lastDay).Append('L');
            return null;
        }

        var slash = item.IndexOf('/');
        var span = slash >= 0 ? item[..slash] : item;
        var dash = span.IndexOf('-');
        int first, last;
        if (span is "*")
        {
            (first, last) = (0, 6);
        }
        else if (dash >= 0)
        {
            if (Day(span[..dash]) is not { } from || Day(span[(dash + 1)..]) is not { } to)
            {
                return "day-of-week range needs two weekdays";
            }

            (first, last) = (from, to);
        }
        else if (Day(span) is { } single)
        {
            // A start with a step runs to the week's end (Saturday); alone it is the one day.
            (first, last) = (single, slash >= 0 ? 6 : single);
        }
        else
        {
            return "day-of-week value is not 1-7 or SUN-SAT";
        }

        into.Append(first);
        if (last != first || slash >= 0)
        {
            into.Append('-').Append(last);
        }

        if (slash >= 0)
        {
            var step = item[(slash + 1)..];
            if (!int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var by) || by < 1)
            {
                return "day-of-week step is not a positive integer";
            }

            into.Append('/').Append(by);
        }

        return null;
    }

    /// <summary>Cronos's 0-based weekday for AWS's 1–7 or a name, or null.</summary>
    private static int? Day(ReadOnlySpan<char> text)
    {
        if (text.Length == 1 && text[0] is >= '1' and <= '7')
        {
            return text[0] - '1';
        }

        for (var i = 0; i < Names.Length; i++)
        {
            if (text.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return null;
    }
}
