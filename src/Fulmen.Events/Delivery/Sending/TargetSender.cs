using Microsoft.Extensions.Logging;

namespace Fulmen.Events.Delivery.Sending;

/// <summary>
/// <see cref="ITargetSender"/> as EventBridge behaves: the first attempt at once; a failure a later attempt may
/// overcome (throttling, the store unreachable) waits durably in the <see cref="RetryQueue"/> with exponential
/// back-off until <c>MaximumRetryAttempts</c> retries or <c>MaximumEventAgeInSeconds</c> run out; a failure no retry
/// would mend (no such target, no permission) and an exhausted one go to the dead-letter queue, or are dropped.
/// </summary>
public sealed partial class TargetSender(
    ITargetAttempt attempt, RetryQueue retries, DeadLetters deadLetters, DeliveryCounters counters, TargetSenderOptions options,
    TimeProvider time, ILogger<TargetSender> logger) : ITargetSender
{
    public async Task SendAsync(TargetSend send, CancellationToken cancellationToken)
    {
        var outcome = await attempt.SendAsync(send, cancellationToken);
        var state = new RetryState(1, time.GetUtcNow().ToUnixTimeMilliseconds(), outcome.ErrorCode, outcome.ErrorMessage);
        await SettleAsync(send, outcome, state, storedId: null, cancellationToken);
    }

    /// <summary>
    /// What follows an attempt (<paramref name="state"/> counts it): done, another try later, or the dead-letter queue.
    /// <paramref name="storedId"/> is the retry queue's item when the send already waits there.
    /// </summary>
    public async Task SettleAsync(TargetSend send, SendOutcome outcome, RetryState state, long? storedId, CancellationToken cancellationToken)
    {
        var retriesMade = state.Attempts - 1;
        if (outcome.Result == SendResult.Delivered)
        {
            counters.Delivered(send.SourceArn, send.TargetArn);
            await DoneAsync(storedId, cancellationToken);
            return;
        }
        if (outcome.Result == SendResult.Failed)
        {
            await deadLetters.SendAsync(send, outcome, retriesMade, exhaustedCondition: null, cancellationToken);
            await DoneAsync(storedId, cancellationToken);
            return;
        }
        var delay = options.DelayBefore(retriesMade + 1);
        var firstAttempt = DateTimeOffset.FromUnixTimeMilliseconds(state.FirstAttemptAt);
        string? exhausted = null;
        if (retriesMade >= send.RetryPolicy.MaximumRetryAttempts)
        {
            exhausted = DeadLetters.MaximumRetryAttempts;
        }
        // An attempt that would come after the event is too old is not made.
        else if (time.GetUtcNow() + delay - firstAttempt > TimeSpan.FromSeconds(send.RetryPolicy.MaximumEventAgeInSeconds))
        {
            exhausted = DeadLetters.MaximumEventAgeInSeconds;
        }
        if (exhausted is not null)
        {
            await deadLetters.SendAsync(send, outcome, retriesMade, exhausted, cancellationToken);
            await DoneAsync(storedId, cancellationToken);
            return;
        }
        counters.Retried(send.SourceArn);
        LogRetry(send.SourceArn, send.TargetArn, outcome.ErrorCode, outcome.ErrorMessage, retriesMade + 1, delay.TotalSeconds);
        var next = state with { ErrorCode = outcome.ErrorCode, ErrorMessage = outcome.ErrorMessage };
        if (storedId is { } id)
        {
            await retries.RescheduleAsync(id, next, delay, cancellationToken);
        }
        else
        {
            await retries.AddAsync(send, next, delay, cancellationToken);
        }
    }

    private async Task DoneAsync(long? storedId, CancellationToken cancellationToken)
    {
        if (storedId is { } id)
        {
            await retries.DoneAsync(id, cancellationToken);
        }
    }

    [LoggerMessage(LogLevel.Information, "{Source}: send to {TargetArn} failed ({ErrorCode}: {Message}); retry {Retry} in {Seconds:0.#} s")]
    private partial void LogRetry(string source, string targetArn, string? errorCode, string? message, int retry, double seconds);
}
