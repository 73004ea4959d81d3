namespace Fulmen.Schedules;

/// <summary>The form of a schedule expression.</summary>
public enum ScheduleKind
{
    /// <summary><c>rate(value unit)</c>: a fixed period from an anchor.</summary>
    Rate,

    /// <summary><c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c>.</summary>
    Cron,

    /// <summary><c>at(yyyy-mm-ddThh:mm:ss)</c>: once, at a wall-clock time (Scheduler only).</summary>
    At,
}
