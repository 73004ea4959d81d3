namespace Fulmen.Events.Delivery;

/// <summary>
/// Sends one payload to one target (a function, a queue, an event bus) under the target's retry policy, then its
/// dead-letter queue: what EventBridge rules and Scheduler schedules share. <see cref="SendAsync"/> returns once the
/// payload is durable somewhere — delivered, queued for a retry, or dead-lettered — so a crash loses nothing.
/// </summary>
public interface ITargetSender
{
    Task SendAsync(TargetSend send, CancellationToken cancellationToken);
}

/// <summary>
/// One send. <paramref name="Principal"/> is the service that sends (<c>events.amazonaws.com</c>,
/// <c>scheduler.amazonaws.com</c>); <paramref name="CheckResourcePolicy"/> is true when the function's resource-based
/// policy must allow it (rules) and false when an execution role stands for the caller (Scheduler, Pipes).
/// <paramref name="DeadLetterAttributes"/> are the caller's own message attributes on a dead-lettered message
/// (<c>RULE_ARN</c>, <c>SCHEDULE_ARN</c>…); the sender adds the error, the retry count and the target.
/// </summary>
public sealed record TargetSend(
    string TargetArn,
    string Payload,
    string Principal,
    string SourceArn,
    bool CheckResourcePolicy,
    TargetRetryPolicy RetryPolicy,
    string? DeadLetterArn,
    string? MessageGroupId,
    IReadOnlyDictionary<string, string> DeadLetterAttributes)
{
    /// <summary>A FIFO queue target's deduplication id (EventBridge uses the event's id); else the payload's SHA-256.</summary>
    public string? MessageDeduplicationId { get; init; }
}

/// <summary>AWS's defaults: 185 attempts within 24 hours.</summary>
public sealed record TargetRetryPolicy(int MaximumRetryAttempts = 185, int MaximumEventAgeInSeconds = 86_400);
