using Fulmen.Functions.Async.Destinations;
using Fulmen.Functions.Catalog;
using Fulmen.Functions.Invocation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Conditions = Fulmen.Functions.Async.Destinations.DestinationRecord.Conditions;

namespace Fulmen.Functions.Async;

/// <summary>
/// Runs queued events through the same <see cref="Invoker"/> as synchronous calls, with AWS's rules:
/// function errors are retried up to MaximumRetryAttempts after 1 and 2 × the retry base; throttles and
/// system errors back off exponentially until MaximumEventAgeInSeconds runs out; the outcome goes to the
/// OnSuccess / OnFailure destination. An event leaves the store only once it is finished with.
/// </summary>
public sealed partial class AsyncDispatcher(
    AsyncEventQueue queue, AsyncScheduler scheduler, Invoker invoker, FunctionCatalog catalog,
    Destinations.Destinations destinations, AsyncOptions options, TimeProvider time, ILogger<AsyncDispatcher> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private int _running;
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task? _sweeping;

    /// <summary>Resumes the stored backlog (including events that were in flight when the server stopped), then dispatches.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var resumed = await queue.TakeOverAsync(restarted: true, cancellationToken);
        if (resumed > 0)
        {
            LogResumed(resumed);
        }
        scheduler.Begin(Start);
        _sweeping = SweepAsync();
    }

    /// <summary>Renews this node's hold on its events and takes events whose holder let go or died.</summary>
    private async Task SweepAsync()
    {
        using var timer = new PeriodicTimer(options.SweepInterval, time);
        var renewed = time.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    // One statement renews every held event, so it runs a few times per hold, not every sweep.
                    if (time.GetUtcNow() - renewed >= options.HoldFor / 4)
                    {
                        await queue.RenewAsync(_stopping.Token);
                        renewed = time.GetUtcNow();
                    }
                    var taken = await queue.TakeOverAsync(restarted: false, _stopping.Token);
                    if (taken > 0)
                    {
                        LogResumed(taken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    LogSweepFailed(e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Stops taking events and waits (within the host's shutdown time) for those running; the rest stay stored.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        scheduler.Halt();
        if (Interlocked.Decrement(ref _running) < 0)
        {
            _idle.TrySetResult();
        }
        await _idle.Task.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stopping.CancelAsync();
        if (_sweeping is not null)
        {
            await _sweeping;
        }
    }

    private void Start(AsyncEvent asyncEvent)
    {
        Interlocked.Increment(ref _running);
        _ = Task.Run(() => RunAsync(asyncEvent));
    }

    private async Task RunAsync(AsyncEvent asyncEvent)
    {
        // The store write an attempt ends with is awaited after the slot is released: a group commit's
        // flush should not hold up the function's next event.
        var stored = Task.CompletedTask;
        try
        {
            stored = await AttemptAsync(asyncEvent);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: the event is still stored and runs again at the next start.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The store or a destination failed: keep the event and try again later, as for a system error.
            LogAttemptFailed(e, asyncEvent.RequestId, asyncEvent.FunctionName);
            asyncEvent.Throttles++;
            Delay(asyncEvent, options.ThrottleDelay(asyncEvent.Throttles), DateTimeOffset.MaxValue);
        }
        finally
        {
            scheduler.Release(asyncEvent.FunctionName);
        }
        try
        {
            await stored;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The attempt's effect is not on disk: after a restart the event runs again (at least once).
            LogStoreFailed(e, asyncEvent.RequestId, asyncEvent.FunctionName);
        }
        finally
        {
            if (Interlocked.Decrement(ref _running) < 0)
            {
                _idle.TrySetResult();
            }
        }
    }

    /// <summary>Runs one attempt and decides what follows; returns the store write that records it.</summary>
    private async Task<Task> AttemptAsync(AsyncEvent asyncEvent)
    {
        var entry = await catalog.FindAsync(asyncEvent.FunctionName, _stopping.Token);
        if (entry is null)
        {
            return Drop(asyncEvent); // The function was deleted with events still queued.
        }
        var config = entry.Record.EventInvokeConfigs.GetValueOrDefault(asyncEvent.Qualifier);
        var deadline = asyncEvent.EnqueuedAt.AddSeconds(config?.MaximumEventAgeInSeconds ?? AsyncOptions.DefaultMaximumEventAgeSeconds);
        if (time.GetUtcNow() >= deadline)
        {
            return await FinishAsync(asyncEvent, entry, Conditions.EventAgeExceeded, config?.OnFailure);
        }

        var payload = await queue.PayloadOfAsync(asyncEvent, _stopping.Token);
        var result = await invoker.InvokeAsync(new InvokeRequest(asyncEvent.FunctionName, payload)
        {
            Qualifier = asyncEvent.Qualifier,
            RequestId = asyncEvent.RequestId,
        }, _stopping.Token);

        if (result.Outcome is not { } outcome)
        {
            if (result.Error!.StatusCode == 404)
            {
                return Drop(asyncEvent);
            }
            // Throttled or a system error: the function did not run; back off without using up a retry. The
            // back-off is kept in memory only: it costs no write (a paused function's backlog may be tried
            // often), and after a restart the event is simply tried again.
            asyncEvent.Throttles++;
            Delay(asyncEvent, options.ThrottleDelay(asyncEvent.Throttles), deadline);
            return Task.CompletedTask;
        }

        asyncEvent.InvokeCount++;
        asyncEvent.Throttles = 0;
        asyncEvent.LastResponse = new StoredResponse(200, outcome.ExecutedVersion, outcome.IsFunctionError ? "Unhandled" : null, outcome.Payload);
        if (!outcome.IsFunctionError)
        {
            return await FinishAsync(asyncEvent, entry, Conditions.Success, config?.OnSuccess);
        }
        if (asyncEvent.Retries < (config?.MaximumRetryAttempts ?? AsyncOptions.DefaultMaximumRetryAttempts))
        {
            asyncEvent.Retries++;
            return Retry(asyncEvent, options.FunctionErrorDelay(asyncEvent.Retries), deadline);
        }
        return await FinishAsync(asyncEvent, entry, Conditions.RetriesExhausted, config?.OnFailure);
    }

    /// <summary>Schedules the next attempt, never later than the event's age limit (where it then ends as EventAgeExceeded).</summary>
    private Task Retry(AsyncEvent asyncEvent, TimeSpan delay, DateTimeOffset deadline)
    {
        asyncEvent.DueAt = NextAttempt(delay, deadline);
        var stored = queue.RecordRetryAsync(asyncEvent); // queued before the event can run again, so writes stay in order
        scheduler.Add(asyncEvent);
        return stored;
    }

    /// <summary>A retry that is not written down (throttles, store failures): after a restart the event is simply tried again.</summary>
    private void Delay(AsyncEvent asyncEvent, TimeSpan delay, DateTimeOffset deadline)
    {
        asyncEvent.DueAt = NextAttempt(delay, deadline);
        scheduler.Add(asyncEvent);
    }

    private DateTimeOffset NextAttempt(TimeSpan delay, DateTimeOffset deadline)
    {
        var due = time.GetUtcNow() + delay;
        return due < deadline ? due : deadline;
    }

    private async Task<Task> FinishAsync(AsyncEvent asyncEvent, FunctionEntry entry, string condition, string? destinationArn)
    {
        var success = condition == Conditions.Success;
        if (!success && (entry.Find(asyncEvent.Qualifier)?.Version?.DeadLetterTargetArn ?? entry.Record.DeadLetterTargetArn) is { } deadLetterArn)
        {
            await SendDeadLetterAsync(asyncEvent, deadLetterArn);
        }
        if (destinationArn is not null && await SendAsync(asyncEvent, entry, condition, destinationArn))
        {
            scheduler.Count(asyncEvent.FunctionName, counts =>
            {
                if (success)
                {
                    counts.SentOnSuccess++;
                }
                else
                {
                    counts.SentOnFailure++;
                }
            });
        }
        else if (success)
        {
            scheduler.Count(asyncEvent.FunctionName, counts => counts.Succeeded++);
        }
        else
        {
            scheduler.Count(asyncEvent.FunctionName, counts => counts.Dropped++);
            LogDropped(asyncEvent.RequestId, asyncEvent.FunctionName, condition);
        }
        return queue.CompleteAsync(asyncEvent, _stopping.Token);
    }

    /// <summary>False when the destination refused the record (it was deleted, or Fulmen cannot deliver there).</summary>
    private async Task<bool> SendAsync(AsyncEvent asyncEvent, FunctionEntry entry, string condition, string destinationArn)
    {
        var record = new DestinationRecord
        {
            Timestamp = time.GetUtcNow(),
            RequestId = asyncEvent.RequestId,
            FunctionArn = $"{entry.Arn}:{asyncEvent.Qualifier}",
            Condition = condition,
            ApproximateInvokeCount = asyncEvent.InvokeCount,
            RequestPayload = await queue.PayloadOfAsync(asyncEvent, _stopping.Token),
            Response = asyncEvent.LastResponse is { } last
                ? new LastResponse(last.StatusCode, last.ExecutedVersion, last.FunctionError, last.Payload)
                : null,
        };
        try
        {
            var destination = destinations.Find(destinationArn)
                ?? throw new DestinationException($"Fulmen cannot deliver to {destinationArn}.");
            await destination.SendAsync(destinationArn, record, _stopping.Token);
            return true;
        }
        catch (DestinationException e)
        {
            LogDestinationRefused(asyncEvent.RequestId, asyncEvent.FunctionName, e.Message);
            return false;
        }
    }

    /// <summary>The function's dead-letter queue gets the event itself, besides any OnFailure destination, as on AWS.</summary>
    private async Task SendDeadLetterAsync(AsyncEvent asyncEvent, string arn)
    {
        var error = asyncEvent.LastResponse is { } last ? System.Text.Encoding.UTF8.GetString(last.Payload.Span) : "Event age exceeded before the function ran.";
        var attributes = new DeadLetterAttributes(asyncEvent.RequestId, asyncEvent.LastResponse?.StatusCode ?? 200, error.Length > 1024 ? error[..1024] : error);
        try
        {
            var target = destinations.FindDeadLetterQueue(arn) ?? throw new DestinationException($"Fulmen cannot deliver to {arn}.");
            await target.SendAsync(arn, await queue.PayloadOfAsync(asyncEvent, _stopping.Token), attributes, _stopping.Token);
        }
        catch (DestinationException e)
        {
            LogDestinationRefused(asyncEvent.RequestId, asyncEvent.FunctionName, e.Message);
        }
    }

    private Task Drop(AsyncEvent asyncEvent)
    {
        scheduler.Count(asyncEvent.FunctionName, counts => counts.Dropped++);
        LogDropped(asyncEvent.RequestId, asyncEvent.FunctionName, "FunctionDeleted");
        return queue.CompleteAsync(asyncEvent, _stopping.Token);
    }

    [LoggerMessage(LogLevel.Information, "Resuming {Count} queued asynchronous events.")]
    private partial void LogResumed(int count);

    [LoggerMessage(LogLevel.Warning, "Could not renew or take over queued asynchronous events; trying again at the next sweep: {Reason}")]
    private partial void LogSweepFailed(string reason);

    [LoggerMessage(LogLevel.Warning, "Asynchronous event {RequestId} of {Function} could not be attempted; it will be retried.")]
    private partial void LogAttemptFailed(Exception exception, string requestId, string function);

    [LoggerMessage(LogLevel.Error, "The outcome of asynchronous event {RequestId} of {Function} could not be stored; it may run again after a restart.")]
    private partial void LogStoreFailed(Exception exception, string requestId, string function);

    [LoggerMessage(LogLevel.Warning, "Asynchronous event {RequestId} of {Function} dropped ({Condition}).")]
    private partial void LogDropped(string requestId, string function, string condition);

    [LoggerMessage(LogLevel.Warning, "Destination refused the record of {RequestId} from {Function}: {Reason}")]
    private partial void LogDestinationRefused(string requestId, string function, string reason);
}
