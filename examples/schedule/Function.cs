using Fulmen.Lambda.CloudWatchEvents.ScheduledEvents;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace Examples.Schedule;

/// <summary>
/// A daily report, run by an EventBridge schedule such as <c>cron(0 1 * * ? *)</c>. It reports on the day before
/// the event's own time, not the clock's, so a late or retried run still covers the day it was meant for.
/// </summary>
public class Function
{
    public async Task<string> FunctionHandler(ScheduledEvent scheduled, ILambdaContext context)
    {
        var day = DateOnly.FromDateTime(scheduled.Time.ToUniversalTime()).AddDays(-1);
        var from = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = from.AddDays(1);
        context.Logger.LogInformation($"Report for {day:yyyy-MM-dd} ({from:O} to {to:O}), scheduled by {string.Join(", ", scheduled.Resources ?? [])}");
        // Stands in for the real work: query the day's records, write the report somewhere.
        await Task.Yield();
        return $"report-{day:yyyy-MM-dd}";
    }
}
