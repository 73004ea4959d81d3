using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fulmen.Functions.EventSources.Polling;

/// <summary>
/// What every supervisor of pollers shares (event source mappings, pipes): it follows a store's change channel and
/// settles each changed name, a failure being logged and tried again at the name's next change; and it keeps at most
/// one <see cref="MappingPoller"/> per name, all disposed when the service stops.
/// </summary>
public abstract partial class PollerSupervisor(ChannelReader<string> changes, ILogger logger, string kind) : BackgroundService
{
    private readonly Dictionary<string, MappingPoller> _pollers = new(StringComparer.Ordinal);

    protected ILogger Logger => logger;

    /// <summary>Brings the named resource to its stored state: settles a transitional state, starts or stops its poller.</summary>
    protected abstract Task SettleAsync(string name, CancellationToken cancellationToken);

    /// <summary>The poller running for the name, if any.</summary>
    protected MappingPoller? Running(string name)
    {
        lock (_pollers)
        {
            return _pollers.GetValueOrDefault(name);
        }
    }

    /// <summary>Starts the poller as the name's (the caller stopped any earlier one).</summary>
    protected void Run(string name, MappingPoller poller)
    {
        lock (_pollers)
        {
            _pollers[name] = poller;
        }
        poller.Start();
    }

    protected async Task StopPollingAsync(string name)
    {
        MappingPoller? poller;
        lock (_pollers)
        {
            _pollers.Remove(name, out poller);
        }
        if (poller is not null)
        {
            await poller.DisposeAsync();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var name in changes.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await SettleAsync(name, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSettleFailed(logger, e, kind, name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        MappingPoller[] pollers;
        lock (_pollers)
        {
            pollers = [.. _pollers.Values];
            _pollers.Clear();
        }
        foreach (var poller in pollers)
        {
            await poller.DisposeAsync();
        }
    }

    [LoggerMessage(LogLevel.Warning, "{Kind} {Name} could not be brought to its state; it is tried again at its next change.")]
    private static partial void LogSettleFailed(ILogger logger, Exception exception, string kind, string name);
}
