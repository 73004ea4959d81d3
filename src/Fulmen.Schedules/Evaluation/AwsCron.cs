using Cronos;

namespace Fulmen.Schedules.Evaluation;

/// <summary>A parsed AWS cron: Cronos's five fields plus AWS's year field. Works on wall-clock times (carried as
/// <see cref="DateTimeKind.Utc"/> because Cronos takes UTC); <see cref="ZoneClock"/> puts them on the timeline.</summary>
internal sealed class AwsCron(CronExpression fields, YearSet years)
{
    /// <summary>The first wall-clock time after <paramref name="wallClock"/> the expression matches, or null.</summary>
    public DateTime? NextWallClock(DateTime wallClock)
    {
        var from = wallClock;
        var inclusive = false;
        while (true)
        {
            var next = fields.GetNextOccurrence(from, inclusive);
            if (next is not { } found)
            {
                return null;
            }

            if (years.Contains(found.Year))
            {
                return found;
            }

            // Cronos ignores the year: jump to the next year AWS's field allows, or stop when none is left.
            var year = years.NextAfter(found.Year);
            if (year == 0)
            {
                return null;
            }

            from = new DateTime(year, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            inclusive = true;
        }
    }
}
