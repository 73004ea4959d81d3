using System.Globalization;
using Fulmen.Schedules.Evaluation;

namespace Fulmen.Schedules.Parsing;

/// <summary>AWS's sixth field, which Cronos lacks: 1970–2199 with <c>, - * /</c>.</summary>
internal static class YearField
{
    public static string? TryParse(ReadOnlySpan<char> field, out YearSet years)
    {
        years = new YearSet();
        if (field.IsEmpty)
        {
            return "the year field is empty";
        }

        foreach (var range in field.Split(','))
        {
            var item = field[range];
            var slash = item.IndexOf('/');
            var span = slash >= 0 ? item[..slash] : item;
            int first, last, step = 1;
            if (span is "*")
            {
                (first, last) = (YearSet.First, YearSet.Last);
            }
            else if (span.IndexOf('-') is var dash and > 0)
            {
                if (Year(span[..dash]) is not { } from || Year(span[(dash + 1)..]) is not { } to || to < from)
                {
                    return "year range needs two years 1970-2199, ascending";
                }

                (first, last) = (from, to);
            }
            else if (Year(span) is { } single)
            {
                (first, last) = (single, slash >= 0 ? YearSet.Last : single);
            }
            else
            {
                return "year is not 1970-2199";
            }

            if (slash >= 0 && (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture,
                    out step) || step < 1))
            {
                return "year step is not a positive integer";
            }

            for (var y = first; y <= last; y += step)
            {
                years.Add(y);
            }
        }

        return null;
    }

    private static int? Year(ReadOnlySpan<char> text) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && year is >= YearSet.First and <= YearSet.Last
            ? year
            : null;
}
