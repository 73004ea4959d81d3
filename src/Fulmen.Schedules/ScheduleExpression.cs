using System.Diagnostics.CodeAnalysis;
using Fulmen.Schedules.Evaluation;
using Fulmen.Schedules.Parsing;

namespace Fulmen.Schedules;

/// <summary>A parsed EventBridge schedule expression (<c>rate(…)</c>, <c>cron(…)</c>, and for Scheduler
/// <c>at(…)</c>). Immutable and thread-safe; <c>Next</c> allocates nothing beyond Cronos's own work.</summary>
public sealed partial class ScheduleExpression
{
    private readonly AwsCron? _cron;

    private ScheduleExpression(string text, ScheduleDialect dialect, ParsedSchedule parsed)
    {
        Text = text;
        Dialect = dialect;
        Kind = parsed.Kind;
        Period = parsed.Period;
        AtWallClock = parsed.AtWallClock;
        _cron = parsed.Cron;
    }

    /// <summary>The expression as given.</summary>
    public string Text { get; }

    public ScheduleDialect Dialect { get; }

    public ScheduleKind Kind { get; }

    /// <summary>The period of a <see cref="ScheduleKind.Rate"/> expression (a day is 24 hours); zero otherwise.</summary>
    public TimeSpan Period { get; }

    /// <summary>The wall-clock time of an <see cref="ScheduleKind.At"/> expression (unspecified kind); default otherwise.</summary>
    public DateTime AtWallClock { get; }

    /// <summary>Parses <paramref name="expression"/> under <paramref name="dialect"/>'s rules.</summary>
    /// <exception cref="InvalidScheduleExpressionException">AWS would refuse it; the message is the service's.</exception>
    public static ScheduleExpression Parse(string expression, ScheduleDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var reason = ScheduleParser.TryParse(expression, dialect, out var parsed);
        return reason is null
            ? new ScheduleExpression(expression, dialect, parsed)
            : throw new InvalidScheduleExpressionException(ScheduleErrors.Message(dialect, expression), reason);
    }

    /// <summary>Parses without throwing; on failure <paramref name="error"/> is the service's message.</summary>
    public static bool TryParse(string? expression, ScheduleDialect dialect,
        [NotNullWhen(true)] out ScheduleExpression? schedule, [NotNullWhen(false)] out string? error)
    {
        var reason = ScheduleParser.TryParse(expression ?? "", dialect, out var parsed);
        if (reason is null)
        {
            schedule = new ScheduleExpression(expression!, dialect, parsed);
            error = null;
            return true;
        }

        schedule = null;
        error = ScheduleErrors.Message(dialect, expression ?? "");
        return false;
    }

    public override string ToString() => Text;
}
