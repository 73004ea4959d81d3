using Fulmen.Functions.EventSources;
using Fulmen.Functions.EventSources.Mappings;
using Fulmen.Functions.EventSources.Polling;
using Fulmen.Pipes.Model;
using Microsoft.Extensions.Logging;

namespace Fulmen.Pipes.Running;

/// <summary>
/// Follows every stored change of a pipe: settles transitional states (CREATING → RUNNING or STOPPED, STARTING,
/// STOPPING, UPDATING, DELETING → gone) as one mutation each, and keeps one poller of the mapping engine running per
/// RUNNING pipe, with the pipe's own batch step (<see cref="PipeRun"/>) in place of a function invoke. The engine
/// does the polling, batching, filtering, visibility and deletion exactly as for an event source mapping.
/// </summary>
public sealed class PipeSupervisor(
    PipeStore store, EventSourceRegistry registry, PipeTargets targets, IMappingTarget functions, TimeProvider time, ILogger<PipeSupervisor> logger)
    : PollerSupervisor(store.Changes, logger, "Pipe")
{
    /// <summary>Whether a poller runs for the pipe (for tests).</summary>
    public bool IsPolling(string name) => Running(name) is not null;

    protected override async Task SettleAsync(string name, CancellationToken cancellationToken)
    {
        var pipe = await store.FindAsync(name, cancellationToken);
        if (pipe is null)
        {
            await StopPollingAsync(name);
            return;
        }
        if (PipeStates.IsTransitional(pipe.CurrentState))
        {
            await StopPollingAsync(name);
            if (PipeStates.Settled(pipe) is { } settled)
            {
                // Only if nothing changed it since: the stored change comes back through the channel and starts the poller.
                await store.ChangeAsync(name, current => current.CurrentState == pipe.CurrentState && current.LastModifiedTime == pipe.LastModifiedTime
                    ? current with { CurrentState = settled }
                    : current, cancellationToken);
            }
            else
            {
                await store.DeleteIfAsync(name, PipeStates.Deleting, cancellationToken);
            }
            return;
        }
        if (pipe.CurrentState != PipeStates.Running)
        {
            await StopPollingAsync(name);
            return;
        }
        if (Running(name) is not null)
        {
            return; // settings change only through UPDATING, which stopped the poller; this was a tag change
        }
        if (registry.Find(pipe.Source) is not { } kind)
        {
            return;
        }
        var settings = PipeSettings.From(pipe);
        // The pipe as the engine sees a mapping: its source, batching and filters; the function is never invoked.
        var mapping = new EventSourceMappingRecord
        {
            Uuid = pipe.Arn,
            EventSourceArn = pipe.Source,
            FunctionName = pipe.Target,
            BatchSize = settings.BatchSize,
            MaximumBatchingWindowInSeconds = settings.MaximumBatchingWindowInSeconds,
            FilterPatterns = settings.FilterPatterns,
            State = MappingStates.Enabled,
        };
        var run = new PipeRun(pipe, settings, targets, time);
        var poller = new MappingPoller(mapping, kind.Open(pipe.Source), functions.InvokeAsync, static _ => Task.CompletedTask, static () => null,
            time, Logger, ceiling: functions.AccountConcurrency, handle: run.HandleAsync);
        Run(name, poller);
    }
}
