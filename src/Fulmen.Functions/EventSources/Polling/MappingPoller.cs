using Fulmen.Functions.EventSources.Filtering;
using Fulmen.Functions.EventSources.Mappings;
using Fulmen.Functions.EventSources.Metrics;
using Fulmen.Functions.EventSources.Sqs;
using Fulmen.Functions.Invocation;
using Microsoft.Extensions.Logging;

namespace Fulmen.Functions.EventSources.Polling;

/// <summary>
/// Polls one enabled mapping: a set of workers, each collecting a batch, invoking the function through the Invoker and
/// applying SQS's failure rules; <see cref="PollerScaling"/> decides how many workers run. Stopping cancels receives
/// and invokes in flight: their records were not deleted and come back after the visibility timeout.
/// </summary>
public sealed partial class MappingPoller : IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastBackoff = TimeSpan.FromSeconds(30);

    private readonly EventSourceMappingRecord _mapping;
    private readonly IEventSource _source;
    private readonly BatchHandler _handle;
    private readonly Func<string, Task> _reportResult;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PollerScaling _scaling;
    private readonly BatchLimits _limits;
    private readonly Func<SourceRecord, bool> _accept;
    private readonly string _region;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _workers = [];
    private readonly Lock _lock = new();
    private readonly MappingCounters _counters;
    private int _running;
    private string? _lastResult;

    /// <param name="invoke">Runs the function (the Invoker, as the mapping: no resource policy check).</param>
    /// <param name="reportResult">Stores the mapping's LastProcessingResult; called only when it changes.</param>
    /// <param name="reservedConcurrency">The function's reserved concurrency now, which bounds the workers.</param>
    /// <param name="counters">Where the mapping's counts go (kept across pollers by the supervisor).</param>
    /// <param name="ceiling">The most batches at once without MaximumConcurrency: this server's concurrency.</param>
    /// <param name="handle">
    /// What is done with each batch instead of invoking <see cref="EventSourceMappingRecord.FunctionName"/> with the
    /// SQS event (an EventBridge pipe's enrichment and target); null for a mapping.
    /// </param>
    public MappingPoller(
        EventSourceMappingRecord mapping, IEventSource source, Func<InvokeRequest, CancellationToken, Task<InvokeResult>> invoke,
        Func<string, Task> reportResult, Func<int?> reservedConcurrency, TimeProvider time, ILogger logger,
        MappingCounters? counters = null, int ceiling = PollerScaling.Ceiling, BatchHandler? handle = null)
    {
        _mapping = mapping;
        _source = source;
        _handle = handle ?? ((batch, cancellationToken) =>
            invoke(new InvokeRequest(mapping.FunctionName, SqsEvent.Join(batch.Json)) { Qualifier = mapping.Qualifier }, cancellationToken));
        _reportResult = reportResult;
        _time = time;
        _logger = logger;
        _lastResult = mapping.LastProcessingResult;
        _counters = counters ?? new MappingCounters(mapping.Uuid, mapping.FunctionName);
        _scaling = new PollerScaling(mapping.MaximumConcurrency, reservedConcurrency, time, ceiling);
        _limits = new BatchLimits(mapping.BatchSize, TimeSpan.FromSeconds(mapping.MaximumBatchingWindowInSeconds));
        _accept = MappingFilters.For(mapping.FilterPatterns);
        _region = SqsEvent.RegionOf(mapping.EventSourceArn);
    }

    public EventSourceMappingRecord Mapping => _mapping;

    /// <summary>Workers running now (for tests and the console).</summary>
    public int Workers => Volatile.Read(ref _running);

    /// <summary>How many batches the poller aims to work on at once.</summary>
    public PollerScaling Scaling => _scaling;

    public MappingCounters Counters => _counters;

    public void Start()
    {
        _counters.Attach(_source);
        Spawn(_scaling.Target);
    }

    private void Spawn(int count)
    {
        lock (_lock)
        {
            _workers.RemoveAll(static worker => worker.IsCompleted);
            for (var i = 0; i < count && !_stop.IsCancellationRequested; i++)
            {
                Interlocked.Increment(ref _running);
                _workers.Add(Task.Run(() => WorkAsync(_stop.Token)));
            }
        }
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        var backoff = FirstBackoff;
        var retired = false;
        var failed = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (RetireIfTooMany())
                {
                    retired = true;
                    break;
                }
                var batch = await BatchCollector.CollectAsync(_source, _limits, _accept,
                    record => SqsEvent.Record(record, _mapping.EventSourceArn, _region), _time, cancellationToken);
                _counters.Polled(batch.Records, batch.Rejected, _time.GetUtcNow());
                if (batch.Rejected.Count > 0)
                {
                    await _source.AcknowledgeAsync(batch.Rejected, cancellationToken);
                }
                if (batch.Overflow.Count > 0)
                {
                    await _source.ReturnAsync(batch.Overflow, TimeSpan.Zero, cancellationToken);
                }
                if (batch.IsEmpty)
                {
                    if (batch.Rejected.Count == 0)
                    {
                        _scaling.Idle(); // the check at the top retires a worker if the target dropped
                    }
                    continue;
                }
                if ((batch.Records.Count >= _limits.BatchSize || batch.Overflow.Count > 0) && _scaling.Busy())
                {
                    Spawn(1); // records are waiting: one more batch at a time
                }
                var verdict = await RunAsync(batch, backoff, cancellationToken);
                if (verdict.Outcome == BatchOutcome.Throttled)
                {
                    // One worker fewer while the function is at its limit; the survivors wait, the batch waits in the queue.
                    _scaling.Throttled();
                    await Task.Delay(backoff, _time, cancellationToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LastBackoff.Ticks));
                    continue;
                }
                backoff = FirstBackoff;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // A source or store failure ends this worker only; the others go on and a replacement starts.
            LogWorkerFailed(e, _mapping.Uuid);
            failed = true;
        }
        finally
        {
            if (!retired)
            {
                Interlocked.Decrement(ref _running);
            }
        }
        if (failed && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(FirstBackoff, _time, cancellationToken);
                Spawn(1);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Hands the batch over (invokes with it) and deletes what the verdict says; the rest stays for the queue to deliver again.</summary>
    private async Task<BatchVerdict> RunAsync(CollectedBatch batch, TimeSpan backoff, CancellationToken cancellationToken)
    {
        InvokeResult result;
        _counters.Invoking();
        try
        {
            result = await _handle(batch, cancellationToken);
        }
        catch
        {
            _counters.Invoked(0, 0, 0);
            throw;
        }
        var verdict = BatchVerdict.Judge(batch.Records, result, _mapping.ReportsBatchItemFailures);
        var throttled = verdict.Outcome == BatchOutcome.Throttled;
        _counters.Invoked(throttled ? 0 : batch.Records.Count, throttled ? 0 : verdict.Keep.Count, verdict.Delete.Count);
        if (verdict.Delete.Count > 0)
        {
            await _source.AcknowledgeAsync(verdict.Delete, cancellationToken);
        }
        if (verdict.Outcome == BatchOutcome.Throttled)
        {
            // Nothing is lost: the batch goes back to the queue, visible again when this worker tries again.
            await _source.ReturnAsync(verdict.Keep, backoff, cancellationToken);
        }
        if (verdict.Outcome != BatchOutcome.Succeeded)
        {
            LogBatchNotHandled(_mapping.Uuid, verdict.Outcome, verdict.Keep.Count, result.Error?.Message);
        }
        // A partial batch response is a successful call: the function ran and said which records to keep.
        var outcome = verdict.Outcome is BatchOutcome.Succeeded or BatchOutcome.PartiallyFailed ? MappingStates.Ok : MappingStates.FunctionCallFailed;
        if (outcome != Volatile.Read(ref _lastResult))
        {
            Volatile.Write(ref _lastResult, outcome);
            await _reportResult(outcome);
        }
        return verdict;
    }

    /// <summary>True (and this worker is counted out) when more workers run than the scaling wants.</summary>
    private bool RetireIfTooMany()
    {
        while (true)
        {
            var running = Volatile.Read(ref _running);
            if (running <= _scaling.Target)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _running, running - 1, running) == running)
            {
                return true;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task[] workers;
        lock (_lock)
        {
            workers = [.. _workers];
        }
        await Task.WhenAll(workers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _counters.Detach(_source);
        await _source.DisposeAsync();
        _stop.Dispose();
    }

    [LoggerMessage(LogLevel.Warning, "A poller of event source mapping {Uuid} failed; it starts again.")]
    private partial void LogWorkerFailed(Exception exception, string uuid);

    [LoggerMessage(LogLevel.Information, "Event source mapping {Uuid}: batch {Outcome}; {Kept} records stay in the queue. {Reason}")]
    private partial void LogBatchNotHandled(string uuid, BatchOutcome outcome, int kept, string? reason);
}
