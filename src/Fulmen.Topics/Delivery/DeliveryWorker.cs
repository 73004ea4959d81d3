using Fulmen.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fulmen.Topics.Delivery;

/// <summary>
/// Delivers what waits in the <see cref="DeliveryQueue"/>: woken by every publish, and every
/// <see cref="TopicOptions.PollInterval"/> for retries that came due. Up to
/// <see cref="TopicOptions.MaxConcurrentDeliveries"/> run at once; after a restart, first what this node held.
/// </summary>
public sealed partial class DeliveryWorker(DeliveryQueue queue, Deliverer deliverer, TopicOptions options, ILogger<DeliveryWorker> logger)
    : BackgroundService
{
    private const int Batch = 64;

    /// <summary>How long a leased delivery stays this node's: longer than any attempt (an http endpoint's timeout).</summary>
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not disposed: deliveries still finishing after the stop release their slot.
        var slots = new SemaphoreSlim(options.MaxConcurrentDeliveries, options.MaxConcurrentDeliveries);
        try
        {
            await LetGoAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var free = Math.Min(slots.CurrentCount, Batch);
                if (free == 0)
                {
                    await slots.WaitAsync(stoppingToken);
                    slots.Release();
                    continue;
                }
                IReadOnlyList<Fulmen.Storage.Queues.QueueItem> items;
                try
                {
                    items = await queue.LeaseAsync(free, Hold, stoppingToken);
                }
                catch (StorageUnavailableException e)
                {
                    LogStoreUnavailable(e.Message);
                    items = [];
                }
                foreach (var item in items)
                {
                    await slots.WaitAsync(stoppingToken);
                    _ = RunAsync(item, slots, stoppingToken);
                }
                if (items.Count < free)
                {
                    await WaitAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is leased stays stored and is due again once this node restarts or the hold lapses.
        }
        // Let deliveries under way finish (each is short) before the store closes.
        for (var i = 0; i < options.MaxConcurrentDeliveries; i++)
        {
            if (!await slots.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None))
            {
                break;
            }
        }
    }

    private async Task RunAsync(Fulmen.Storage.Queues.QueueItem item, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await deliverer.RunAsync(item, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is StorageUnavailableException or InvalidOperationException or IOException)
        {
            // Left leased: due again when the hold lapses.
            LogAttemptFailed(item.Id, e.Message);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Until a publish wakes the worker or the poll interval passes.</summary>
    private async Task WaitAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.PollInterval);
        try
        {
            await queue.Wake.WaitToReadAsync(timeout.Token);
            queue.Wake.TryRead(out _);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task LetGoAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await queue.LetGoAsync(stoppingToken);
                return;
            }
            catch (StorageUnavailableException e)
            {
                LogStoreUnavailable(e.Message);
                await WaitAsync(stoppingToken);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The store is unavailable; topic deliveries wait: {Reason}")]
    private partial void LogStoreUnavailable(string reason);

    [LoggerMessage(2, LogLevel.Error, "Topic delivery {Id} could not be settled and is tried again later: {Reason}")]
    private partial void LogAttemptFailed(long id, string reason);
}
