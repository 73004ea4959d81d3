using System.Threading.Channels;
using Fulmen.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fulmen.Events.Archives;

/// <summary>
/// Keeps archives to their RetentionDays (events whose time is older are deleted, looked at every
/// <see cref="Interval"/> and at start) and empties the collection of a deleted archive.
/// </summary>
public sealed partial class ArchiveMaintenance(ArchiveCatalog catalog, ArchivedEvents events, TimeProvider time, ILogger<ArchiveMaintenance> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private readonly Channel<string> _purges = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Deletes every event of a deleted archive, in the background.</summary>
    public void Purge(string collection) => _purges.Writer.TryWrite(collection);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var purging = PurgeAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                await EnforceRetentionAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await purging;
    }

    private async Task EnforceRetentionAsync(CancellationToken cancellationToken)
    {
        foreach (var archive in catalog.Archives.Select(a => a.Record).Where(a => a.RetentionDays > 0))
        {
            try
            {
                var deleted = await events.DeleteAsync(archive.EventsCollection, time.GetUtcNow().AddDays(-archive.RetentionDays), cancellationToken);
                if (deleted > 0)
                {
                    LogExpired(archive.Name, deleted);
                }
            }
            catch (StorageUnavailableException e)
            {
                LogStoreUnavailable(e.Message);
            }
        }
    }

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var collection in _purges.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await events.DeleteAsync(collection, null, cancellationToken);
                    events.Forget(collection);
                }
                catch (StorageUnavailableException e)
                {
                    LogStoreUnavailable(e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Information, "Archive {Archive}: {Count} events past their retention deleted")]
    private partial void LogExpired(string archive, int count);

    [LoggerMessage(LogLevel.Warning, "The store is unavailable; archive upkeep is tried again later: {Reason}")]
    private partial void LogStoreUnavailable(string reason);
}
