using Fulmen.Lambda.CloudWatchEvents.ScheduledEvents;
using Fulmen.Lambda.Core;
using Fulmen.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(DefaultLambdaJsonSerializer))]

namespace FulmenTemplateNamespace;

/// <summary>Runs on an EventBridge schedule (<c>rate(5 minutes)</c>, <c>cron(0 8 * * ? *)</c>, …).</summary>
public class Function
{
    public async Task FunctionHandler(ScheduledEvent scheduledEvent, ILambdaContext context)
    {
        var rule = scheduledEvent.Resources is [var first, ..] ? first : "(no rule)";
        context.Logger.LogInformation($"Scheduled run for {scheduledEvent.Time:O} by {rule}");
        // Your periodic work here: clean up, send a report, poll something, …
        await Task.CompletedTask;
    }
}
