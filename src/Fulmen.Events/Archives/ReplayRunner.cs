using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Fulmen.Events.Delivery;
using Fulmen.Storage;
using Fulmen.Storage.Documents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fulmen.Events.Archives;

/// <summary>
/// Runs replays in the background: STARTING, then RUNNING while the archive's events of the time range are put on the
/// bus again (in time order, a page at a time, each carrying <c>"replay-name"</c>, only to the rules of that bus or those
/// in FilterArns, never into an archive), COMPLETED at the end; CANCELLING turns into CANCELLED at the next page.
/// How far a replay got is stored after each page, so one the server stopped during is resumed after a restart from
/// there (the page in flight may be replayed twice: delivery is at least once).
/// </summary>
public sealed partial class ReplayRunner : BackgroundService
{
    private readonly ArchiveCatalog _catalog;
    private readonly ArchivedEvents _events;
    private readonly EventDelivery _delivery;
    private readonly TimeProvider _time;
    private readonly ILogger<ReplayRunner> _logger;
    private readonly Channel<string> _queued = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public ReplayRunner(ArchiveCatalog catalog, ArchivedEvents events, EventDelivery delivery, TimeProvider time, ILogger<ReplayRunner> logger)
    {
        _catalog = catalog;
        _events = events;
        _delivery = delivery;
        _time = time;
        _logger = logger;
        catalog.ReplayQueued += name => _queued.Writer.TryWrite(name);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var replay in _catalog.Replays.Where(r => r.IsActive))
        {
            LogResuming(replay.Name, replay.State);
            _queued.Writer.TryWrite(replay.Name);
        }
        var running = new List<Task>();
        try
        {
            await foreach (var name in _queued.Reader.ReadAllAsync(stoppingToken))
            {
                running.RemoveAll(t => t.IsCompleted);
                running.Add(RunAsync(name, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(running);
    }

    private async Task RunAsync(string name, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await ReplayAsync(name, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the replay stays RUNNING with its cursor and resumes at the next start.
        }
        catch (StorageUnavailableException e)
        {
            LogStoreUnavailable(name, e.Message);
        }
    }

    private async Task ReplayAsync(string name, CancellationToken cancellationToken)
    {
        var (replay, _) = await _catalog.ChangeReplayAsync(name, r => r?.State == ReplayStates.Starting
            ? DocumentChange.Put(r with { State = ReplayStates.Running }, true)
            : DocumentChange.Keep<ReplayRecord, bool>(false), cancellationToken);
        if (replay is null || !replay.IsActive)
        {
            return;
        }
        var filters = replay.FilterArns.Count == 0 ? null : replay.FilterArns.ToHashSet(StringComparer.Ordinal);
        var end = (long)(replay.EventEndTime * 1000);
        var after = replay.Cursor ?? ArchivedEvents.Key((long)(replay.EventStartTime * 1000), "")[..15];
        while (true)
        {
            if (await CancelledAsync(name, cancellationToken))
            {
                return;
            }
            var (page, next) = await _events.PageAsync(replay.EventsCollection, after, cancellationToken);
            string? last = null;
            var done = next is null;
            foreach (var archived in page)
            {
                if (ArchivedEvents.TimeOf(archived.Id) > end)
                {
                    done = true;
                    break;
                }
                var envelope = JsonNode.Parse(archived.Json)!.AsObject();
                envelope["replay-name"] = name;
                await _delivery.ReplayAsync(replay.BusName, envelope.ToJsonString(), filters, cancellationToken);
                last = archived.Id;
            }
            if (last is not null)
            {
                var cursor = last;
                var replayedAt = ArchivedEvents.TimeOf(last) / 1000.0;
                await _catalog.ChangeReplayAsync(name, r => r is null
                    ? DocumentChange.Keep<ReplayRecord, bool>(false)
                    : DocumentChange.Put(r with { Cursor = cursor, EventLastReplayedTime = replayedAt }, true), cancellationToken);
                after = cursor;
            }
            if (done || page.Count == 0)
            {
                break;
            }
        }
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        await _catalog.ChangeReplayAsync(name, r => r is null || !r.IsActive
            ? DocumentChange.Keep<ReplayRecord, bool>(false)
            : DocumentChange.Put(r with
            {
                State = r.State == ReplayStates.Cancelling ? ReplayStates.Cancelled : ReplayStates.Completed,
                ReplayEndTime = now,
            }, true), cancellationToken);
        LogCompleted(name);
    }

    /// <summary>True (and the replay CANCELLED) when CancelReplay asked for it.</summary>
    private async Task<bool> CancelledAsync(string name, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var (_, cancelled) = await _catalog.ChangeReplayAsync(name, r => r is null || r.State == ReplayStates.Cancelling
            ? (r is null ? DocumentChange.Keep<ReplayRecord, bool>(true) : DocumentChange.Put(r with { State = ReplayStates.Cancelled, ReplayEndTime = now }, true))
            : DocumentChange.Keep<ReplayRecord, bool>(false), cancellationToken);
        return cancelled;
    }

    [LoggerMessage(LogLevel.Information, "Replay {Replay} ({State}) resumed after a restart")]
    private partial void LogResuming(string replay, string state);

    [LoggerMessage(LogLevel.Information, "Replay {Replay} finished")]
    private partial void LogCompleted(string replay);

    [LoggerMessage(LogLevel.Warning, "Replay {Replay} stopped: the store is unavailable ({Reason}); it resumes at the next start")]
    private partial void LogStoreUnavailable(string replay, string reason);
}
