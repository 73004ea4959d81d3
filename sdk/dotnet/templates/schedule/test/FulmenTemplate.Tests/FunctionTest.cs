using Fulmen.Lambda.CloudWatchEvents.ScheduledEvents;
using Fulmen.Lambda.TestUtilities;

namespace FulmenTemplateNamespace.Tests;

public class FunctionTest
{
    [Fact]
    public async Task FunctionHandler_ScheduledEvent_LogsTimeAndRule()
    {
        var scheduledEvent = new ScheduledEvent
        {
            DetailType = "Scheduled Event",
            Source = "aws.events",
            Time = new DateTime(2026, 3, 12, 8, 0, 0, DateTimeKind.Utc),
            Resources = ["arn:aws:events:us-east-1:000000000000:rule/every-morning"],
        };
        var context = new TestLambdaContext();

        await new Function().FunctionHandler(scheduledEvent, context);

        Assert.Contains("Scheduled run for 2026-03-12T08:00:00.0000000Z by arn:aws:events:us-east-1:000000000000:rule/every-morning",
            ((TestLambdaLogger)context.Logger).Buffer.ToString(), StringComparison.Ordinal);
    }
}
