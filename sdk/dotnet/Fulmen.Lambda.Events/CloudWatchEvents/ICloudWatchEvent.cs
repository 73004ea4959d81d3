namespace Fulmen.Lambda.CloudWatchEvents;

/// <summary>The EventBridge (CloudWatch Events) envelope, with a <c>detail</c> of type <typeparamref name="T"/>.</summary>
public interface ICloudWatchEvent<T>
{
    /// <summary>The envelope version, <c>0</c>.</summary>
    string? Version { get; set; }

    /// <summary>The 12-digit account ID the event belongs to.</summary>
    string? Account { get; set; }

    /// <summary>The region the event came from.</summary>
    string? Region { get; set; }

    /// <summary>The event's payload; its shape depends on <see cref="Source"/> and <see cref="DetailType"/>.</summary>
    T? Detail { get; set; }

    /// <summary>What kind of event this is, e.g. <c>Scheduled Event</c>.</summary>
    string? DetailType { get; set; }

    /// <summary>The service or application that sent the event (<c>aws.*</c> for AWS services).</summary>
    string? Source { get; set; }

    /// <summary>When the event happened.</summary>
    DateTime Time { get; set; }

    /// <summary>The event ID.</summary>
    string? Id { get; set; }

    /// <summary>ARNs of the resources the event is about.</summary>
    List<string>? Resources { get; set; }
}
