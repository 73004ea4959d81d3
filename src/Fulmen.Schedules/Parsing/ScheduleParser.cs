using Fulmen.Schedules.Evaluation;

namespace Fulmen.Schedules.Parsing;

/// <summary>What a valid expression holds; only the part of its <see cref="ScheduleKind"/> is set.</summary>
internal readonly record struct ParsedSchedule(ScheduleKind Kind, TimeSpan Period, DateTime AtWallClock, AwsCron? Cron);

/// <summary>Splits <c>kind(body)</c> and hands the body to the kind's parser. No trimming: AWS refuses an expression
/// with a space before the kind or inside the parentheses' edges.</summary>
internal static class ScheduleParser
{
    /// <summary>Null when valid (and <paramref name="parsed"/> is set), else the rule that failed.</summary>
    public static string? TryParse(string text, ScheduleDialect dialect, out ParsedSchedule parsed)
    {
        parsed = default;
        if (string.IsNullOrEmpty(text))
        {
            return "the expression is empty";
        }

        if (!text.EndsWith(')'))
        {
            return "the expression does not end with )";
        }

        if (text.StartsWith("rate(", StringComparison.Ordinal))
        {
            var error = RateParser.TryParse(Body(text, 5), out var period);
            parsed = new ParsedSchedule(ScheduleKind.Rate, period, default, null);
            return error;
        }

        if (text.StartsWith("cron(", StringComparison.Ordinal))
        {
            var error = CronParser.TryParse(Body(text, 5), out var cron);
            parsed = new ParsedSchedule(ScheduleKind.Cron, default, default, cron);
            return error;
        }

        if (text.StartsWith("at(", StringComparison.Ordinal))
        {
            if (dialect != ScheduleDialect.Scheduler)
            {
                return "at() is a Scheduler expression; rules take rate() and cron() only";
            }

            var error = AtParser.TryParse(Body(text, 3), out var wall);
            parsed = new ParsedSchedule(ScheduleKind.At, default, wall, null);
            return error;
        }

        return "the expression is not at(), rate() or cron()";
    }

    private static ReadOnlySpan<char> Body(string text, int prefix) => text.AsSpan(prefix, text.Length - prefix - 1);
}
