namespace Fulmen.Lambda.CloudWatchEvents.ScheduledEvents;

/// <summary>An EventBridge schedule rule's event (<c>detail-type</c> <c>Scheduled Event</c>, an empty <c>detail</c>).</summary>
public class ScheduledEvent : CloudWatchEvent<Detail>
{
}
