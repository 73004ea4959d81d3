using Fulmen.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fulmen.Events.Delivery.Sending;

/// <summary>
/// Tries again the sends in the <see cref="RetryQueue"/> as they come due (looked for every
/// <see cref="TargetSenderOptions.PollInterval"/>); after a restart, first those this node held when it stopped.
/// </summary>
public sealed partial class TargetRetryWorker(
    RetryQueue queue, ITargetAttempt attempt, TargetSender sender, TargetSenderOptions options, TimeProvider time, ILogger<TargetRetryWorker> logger)
    : BackgroundService
{
    private const int Batch = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var released = false;
        using var timer = new PeriodicTimer(options.PollInterval, time);
        try
        {
            do
            {
                try
                {
                    if (!released)
                    {
                        await queue.LetGoAsync(stoppingToken);
                        released = true;
                    }
                    while (await RunDueAsync(stoppingToken) == Batch)
                    {
                    }
                }
                catch (StorageUnavailableException e)
                {
                    LogStoreUnavailable(e.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is due stays stored, held until the hold lapses or this node restarts.
        }
    }

    private async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var due = await queue.TakeDueAsync(Batch, cancellationToken);
        foreach (var item in due)
        {
            if (item.Send is null || item.State is null)
            {
                LogUnreadable(item.Id);
                await queue.DoneAsync(item.Id, cancellationToken);
                continue;
            }
            var outcome = await attempt.SendAsync(item.Send, cancellationToken);
            var state = item.State with { Attempts = item.State.Attempts + 1 };
            await sender.SettleAsync(item.Send, outcome, state, item.Id, cancellationToken);
        }
        return due.Count;
    }

    [LoggerMessage(LogLevel.Warning, "The store is unavailable; sends waiting for a retry are tried again later: {Reason}")]
    private partial void LogStoreUnavailable(string reason);

    [LoggerMessage(LogLevel.Error, "A send waiting for a retry (item {Id}) could not be read and is dropped")]
    private partial void LogUnreadable(long id);
}
