namespace Fulmen.Functions.Async.Destinations;

/// <summary>
/// Where an asynchronous invocation's record goes (OnSuccess / OnFailure). One implementation per kind of
/// target: a Lambda function here, a queue (Fulmen.Queues), an event bus (Fulmen.Events) and a topic (Fulmen.Topics).
/// </summary>
public interface IDestination
{
    /// <summary>True when this kind of destination handles the ARN (decided by the ARN's service and resource type).</summary>
    bool Handles(string arn);

    /// <summary>Whether the target exists now; checked when an event-invoke config is saved.</summary>
    ValueTask<bool> ExistsAsync(string arn, CancellationToken cancellationToken);

    /// <summary>Delivers the invocation record (AWS's JSON document); done when the record is durably accepted.</summary>
    Task SendAsync(string arn, DestinationRecord record, CancellationToken cancellationToken);
}
