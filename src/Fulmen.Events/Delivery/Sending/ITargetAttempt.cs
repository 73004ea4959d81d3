namespace Fulmen.Events.Delivery.Sending;

/// <summary>
/// One attempt at one target, its outcome as a value. <see cref="TargetAttempt"/> is the only implementation the
/// server has; the interface lets the retry path be exercised against a target that answers as AWS services do when
/// they throttle, which no target of this server does.
/// </summary>
public interface ITargetAttempt
{
    Task<SendOutcome> SendAsync(TargetSend send, CancellationToken cancellationToken);
}
