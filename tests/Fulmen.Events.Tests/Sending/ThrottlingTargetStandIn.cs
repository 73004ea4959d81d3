using Fulmen.Events.Delivery;
using Fulmen.Events.Delivery.Sending;

namespace Fulmen.Events.Tests.Sending;

/// <summary>
/// Stands in for an AWS target that throttles: a Lambda or SQS endpoint answering <c>TooManyRequestsException</c>
/// (EventBridge's <c>THROTTLING</c>) for a while. No target of this server throttles on the send itself (its
/// asynchronous invocation and its queues accept), so this takes the place of <see cref="TargetAttempt"/> only; the
/// retry queue, the worker, the store and the dead-letter queue around it are the server's own.
/// </summary>
public sealed class ThrottlingTargetStandIn(TimeProvider time) : ITargetAttempt
{
    private readonly Lock _lock = new();
    private readonly List<DateTimeOffset> _attempts = [];
    private readonly List<string> _delivered = [];

    /// <summary>How many attempts are throttled before the target accepts; by default every one.</summary>
    public int ThrottledAttempts { get; set; } = int.MaxValue;

    /// <summary>
    /// The attempt (1-based) that does not answer until the caller gives up, as a target that hangs while the node
    /// stops; 0 for none.
    /// </summary>
    public int HangingAttempt { get; set; }

    /// <summary>When each attempt was made, on the fake clock.</summary>
    public IReadOnlyList<DateTimeOffset> Attempts
    {
        get
        {
            lock (_lock)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>The payloads the target accepted.</summary>
    public IReadOnlyList<string> Delivered
    {
        get
        {
            lock (_lock)
            {
                return [.. _delivered];
            }
        }
    }

    /// <summary>Attempts begun, for a test to wait on.</summary>
    public Occurrences Begun { get; } = new();

    public async Task<SendOutcome> SendAsync(TargetSend send, CancellationToken cancellationToken)
    {
        int attempt;
        lock (_lock)
        {
            _attempts.Add(time.GetUtcNow());
            attempt = _attempts.Count;
        }
        Begun.Add();
        if (attempt == HangingAttempt)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        if (attempt <= ThrottledAttempts)
        {
            return SendOutcome.Retryable(SendErrorCodes.Throttling, "Rate Exceeded.");
        }
        lock (_lock)
        {
            _delivered.Add(send.Payload);
        }
        return SendOutcome.Delivered;
    }
}
