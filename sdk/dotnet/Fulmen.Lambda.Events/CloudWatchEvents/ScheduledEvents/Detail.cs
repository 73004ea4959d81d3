namespace Fulmen.Lambda.CloudWatchEvents.ScheduledEvents;

/// <summary>The <c>detail</c> of a scheduled event: always an empty object.</summary>
public class Detail
{
}
