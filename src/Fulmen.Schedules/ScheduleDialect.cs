namespace Fulmen.Schedules;

/// <summary>Which AWS service's rules an expression is parsed under: the cron and rate syntax is shared, the
/// accepted forms and the error wording differ.</summary>
public enum ScheduleDialect
{
    /// <summary>EventBridge scheduled rules (<c>PutRule</c>): <c>rate(…)</c> and <c>cron(…)</c>, always in UTC.</summary>
    EventBridgeRule,

    /// <summary>EventBridge Scheduler (<c>CreateSchedule</c>): <c>at(…)</c>, <c>rate(…)</c> and <c>cron(…)</c>,
    /// evaluated in the schedule's <c>ScheduleExpressionTimezone</c>.</summary>
    Scheduler,
}
