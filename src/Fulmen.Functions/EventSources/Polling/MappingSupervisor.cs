using Fulmen.Functions.EventSources.Mappings;
using Fulmen.Functions.EventSources.Metrics;
using Microsoft.Extensions.Logging;

namespace Fulmen.Functions.EventSources.Polling;

/// <summary>
/// Follows every stored change of a mapping: settles transitional states (<c>Creating</c> → <c>Enabled</c>,
/// <c>Disabling</c> → <c>Disabled</c>, <c>Deleting</c> → gone, …) as one mutation each, and keeps exactly one
/// <see cref="MappingPoller"/> running per enabled mapping whose source kind is registered, restarted when its
/// settings change.
/// </summary>
public sealed class MappingSupervisor(
    MappingStore store, EventSourceRegistry registry, IMappingTarget target, TimeProvider time,
    ILogger<MappingSupervisor> logger, MappingStatistics? statistics = null)
    : PollerSupervisor(store.Changes, logger, "Event source mapping")
{
    private readonly MappingStatistics _statistics = statistics ?? new MappingStatistics();

    /// <summary>The poller of a mapping, if one runs (for tests).</summary>
    public MappingPoller? PollerOf(string uuid) => Running(uuid);

    protected override async Task SettleAsync(string uuid, CancellationToken cancellationToken)
    {
        var mapping = await store.FindAsync(uuid, cancellationToken);
        if (mapping is null)
        {
            await StopPollingAsync(uuid);
            _statistics.Remove(uuid);
            return;
        }
        if (MappingStates.IsTransitional(mapping.State))
        {
            await StopPollingAsync(uuid);
            if (MappingStates.Settled(mapping) is { } settled)
            {
                // Only if nothing changed it since: the stored change comes back through the channel and starts the poller.
                await store.ChangeAsync(uuid, current => current.State == mapping.State ? current with { State = settled } : current, cancellationToken);
            }
            else
            {
                await store.DeleteIfAsync(uuid, MappingStates.Deleting, cancellationToken);
            }
            return;
        }
        var running = Running(uuid);
        if (mapping.State != MappingStates.Enabled)
        {
            await StopPollingAsync(uuid);
            return;
        }
        if (running is not null && SamePolling(running.Mapping, mapping))
        {
            return;
        }
        await StopPollingAsync(uuid);
        if (registry.Find(mapping.EventSourceArn) is not { } kind)
        {
            return; // no service here serves this source (yet): the mapping is kept, nothing polls it
        }
        var poller = new MappingPoller(mapping, kind.Open(mapping.EventSourceArn),
            target.InvokeAsync,
            result => store.ChangeAsync(uuid, current => current.LastProcessingResult == result ? current : current with { LastProcessingResult = result }),
            () => target.ReservedConcurrency(mapping.FunctionName),
            time, Logger, _statistics.For(uuid, mapping.FunctionName), target.AccountConcurrency);
        Run(uuid, poller);
    }

    /// <summary>Whether a running poller already polls as the mapping says (LastProcessingResult and tags do not matter).</summary>
    private static bool SamePolling(EventSourceMappingRecord a, EventSourceMappingRecord b) =>
        a.FunctionName == b.FunctionName && a.Qualifier == b.Qualifier && a.EventSourceArn == b.EventSourceArn
        && a.BatchSize == b.BatchSize && a.MaximumBatchingWindowInSeconds == b.MaximumBatchingWindowInSeconds
        && a.MaximumConcurrency == b.MaximumConcurrency
        && (a.FilterPatterns ?? []).SequenceEqual(b.FilterPatterns ?? [])
        && a.FunctionResponseTypes.SequenceEqual(b.FunctionResponseTypes);
}
