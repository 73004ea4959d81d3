namespace Fulmen.Topics.Delivery;

/// <summary>
/// What one attempt at an endpoint came to: delivered; failed on the server side (throttled, unreachable, 5xx: tried
/// again under the delivery policy); or failed on the client side (no such function or queue, no permission: not
/// retried, straight to the subscription's dead-letter queue, as SNS does).
/// </summary>
public readonly record struct DeliveryResult(DeliveryOutcome Outcome, string? Reason)
{
    public static DeliveryResult Delivered => new(DeliveryOutcome.Delivered, null);

    public static DeliveryResult Retryable(string reason) => new(DeliveryOutcome.Retryable, reason);

    public static DeliveryResult ClientError(string reason) => new(DeliveryOutcome.ClientError, reason);
}

public enum DeliveryOutcome
{
    Delivered,
    Retryable,
    ClientError,
}
