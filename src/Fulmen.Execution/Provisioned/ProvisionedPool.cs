using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Fulmen.Execution.Environments;
using Microsoft.Extensions.Logging;

namespace Fulmen.Execution.Provisioned;

/// <summary>
/// The provisioned environments of one config (a version or an alias): started and initialised ahead of invokes,
/// never stopped for idleness, replaced in the background when one dies. An invoke takes an idle one from a queue
/// (no lock, no allocation once the queue has grown); starting, replacing and resizing happen off the invoke path.
/// </summary>
public sealed class ProvisionedPool
{
    /// <summary>AWS's StatusReason when the function's init fails while provisioning.</summary>
    public const string InitFailureReason = "FUNCTION_ERROR_INIT_FAILURE";

    // At most this many environments initialise at once, so that a large request does not starve the machine.
    private const int ParallelStarts = 4;

    private readonly EnvironmentServices _services;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<ExecutionEnvironment> _idle = new();
    private readonly ConcurrentDictionary<string, ExecutionEnvironment> _allocated = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _balance = new();
    private int _allocatedCount;
    private int _requested;
    private long _generation;
    private int _starting;
    private bool _reachedReady;
    private string? _failure;
    private TaskCompletionSource? _startsDone;

    internal ProvisionedPool(string qualifier, EnvironmentSpec spec, EnvironmentServices services)
    {
        Qualifier = qualifier;
        Spec = spec;
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<ProvisionedPool>();
    }

    /// <summary>The version or alias the config belongs to.</summary>
    public string Qualifier { get; }

    /// <summary>The version its environments run.</summary>
    public EnvironmentSpec Spec { get; }

    public ProvisionedStatus Status
    {
        get
        {
            lock (_balance)
            {
                var allocated = Math.Min(Volatile.Read(ref _allocatedCount), _requested);
                var state = _failure is not null ? ProvisionedState.Failed
                    : _reachedReady ? ProvisionedState.Ready
                    : ProvisionedState.InProgress;
                return new ProvisionedStatus(_requested, allocated, allocated, state, _failure);
            }
        }
    }

    /// <summary>
    /// Sets how many environments to keep. A new request (another <paramref name="generation"/>, e.g. the config's
    /// LastModified) also clears an earlier failure and tries again; the same request again changes nothing.
    /// </summary>
    internal void Resize(int requested, long generation)
    {
        lock (_balance)
        {
            if (requested == _requested && generation == _generation)
            {
                return;
            }
            _generation = generation;
            if (requested > Volatile.Read(ref _allocatedCount))
            {
                _reachedReady = false;
            }
            _requested = requested;
            _failure = null;
        }
        ProvisionedLog.Requested(_logger, Spec.FunctionName, Qualifier, requested);
        Balance();
    }

    /// <summary>An idle, initialised environment, or false when all are busy (the invoke then spills over to on-demand).</summary>
    internal bool TryTake([NotNullWhen(true)] out ExecutionEnvironment? environment)
    {
        while (_idle.TryDequeue(out environment))
        {
            // Taken before looking at it: the watcher either sees it taken, or this sees the exit (see WatchAsync).
            Interlocked.Exchange(ref environment.ProvisionedTaken, 1);
            if (environment.IsReusable && !environment.RuntimeExited.IsCompleted)
            {
                return true;
            }
            Lose(environment);
        }
        return false;
    }

    /// <summary>Runs an invocation in an environment taken with <see cref="TryTake"/>, and gives it back.</summary>
    internal async Task<InvocationOutcome> InvokeAsync(ExecutionEnvironment environment, Invocation invocation)
    {
        InvocationOutcome outcome;
        try
        {
            outcome = await environment.InvokeAsync(invocation);
        }
        catch
        {
            Lose(environment);
            throw;
        }
        Return(environment);
        return outcome;
    }

    private void Return(ExecutionEnvironment environment)
    {
        Interlocked.Exchange(ref environment.ProvisionedTaken, 0);
        if (!environment.IsReusable)
        {
            Lose(environment);
        }
        else if (_stopping.IsCancellationRequested || Volatile.Read(ref _allocatedCount) > Volatile.Read(ref _requested))
        {
            RetireInBackground(environment);
        }
        else
        {
            _idle.Enqueue(environment);
            if (_stopping.IsCancellationRequested)
            {
                // Stopped while this one was being given back: the stop may have drained the queue already.
                DrainIdleInBackground();
            }
        }
    }

    /// <summary>Starts what is missing, and retires idle environments beyond the requested count.</summary>
    private void Balance()
    {
        int toStart;
        lock (_balance)
        {
            if (_stopping.IsCancellationRequested || _failure is not null)
            {
                return;
            }
            toStart = Math.Min(_requested - Volatile.Read(ref _allocatedCount) - _starting, ParallelStarts - _starting);
            toStart = Math.Max(toStart, 0);
            _starting += toStart;
            if (toStart == 0 && _starting == 0 && Volatile.Read(ref _allocatedCount) >= _requested)
            {
                _reachedReady = true;
            }
        }
        for (var i = 0; i < toStart; i++)
        {
            _ = Task.Run(StartOneAsync);
        }
        while (Volatile.Read(ref _allocatedCount) > Volatile.Read(ref _requested) && _idle.TryDequeue(out var extra))
        {
            RetireInBackground(extra);
        }
    }

    private async Task StartOneAsync()
    {
        ExecutionEnvironment? environment = null;
        string? failure = null;
        string? reason = null;
        try
        {
            environment = await ExecutionEnvironment.StartAsync(Spec, _services, _stopping.Token, provisioned: true);
            // As for an on-demand init that ran long: the init limit, then the function's timeout on top.
            var limit = _services.Options.InitTimeout + TimeSpan.FromSeconds(Spec.TimeoutSeconds);
            failure = await environment.WaitForInitAheadAsync(limit, _stopping.Token);
            reason = failure is null ? null : InitFailureReason;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The machine could not start it at all (runtime missing, process limits): say so rather than blame the code.
            ProvisionedLog.StartFailed(_logger, e, Spec.FunctionName, Qualifier);
            failure = reason = e.Message;
        }
        if (reason == InitFailureReason && failure is not null)
        {
            ProvisionedLog.InitFailed(_logger, Spec.FunctionName, Qualifier, failure);
        }
        // Kept or not is decided under the lock, so that a stop either finds it in the pool or it never enters.
        var keep = environment is not null && failure is null;
        lock (_balance)
        {
            keep &= !_stopping.IsCancellationRequested;
            if (keep)
            {
                _allocated[environment!.Id] = environment;
                Interlocked.Increment(ref _allocatedCount);
                _idle.Enqueue(environment);
            }
        }
        if (keep)
        {
            _ = WatchAsync(environment!);
        }
        else if (environment is not null)
        {
            await environment.DisposeAsync();
        }
        lock (_balance)
        {
            _starting--;
            _failure ??= reason;
            if (_starting == 0)
            {
                _startsDone?.TrySetResult();
            }
        }
        Balance();
    }

    /// <summary>
    /// A provisioned runtime that exits while idle is replaced without waiting for an invoke. One that exits during an
    /// invocation is left to it: disposing it here would pull the environment from under the invocation's reply; the
    /// invoke gives it back unusable (<see cref="Return"/>), which replaces it.
    /// </summary>
    private async Task WatchAsync(ExecutionEnvironment environment)
    {
        await environment.RuntimeExited;
        // The exit task is complete now; a taker that sets the flag after this read sees that and does not take it.
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref environment.ProvisionedTaken) == 0)
        {
            Lose(environment);
        }
    }

    private void Lose(ExecutionEnvironment environment)
    {
        if (RetireInBackground(environment) && !_stopping.IsCancellationRequested)
        {
            ProvisionedLog.Replacing(_logger, Spec.FunctionName, Qualifier);
            Balance();
        }
    }

    /// <summary>False when the environment was already retired.</summary>
    private bool RetireInBackground(ExecutionEnvironment environment)
    {
        if (!_allocated.TryRemove(environment.Id, out _))
        {
            return false;
        }
        Interlocked.Decrement(ref _allocatedCount);
        _ = environment.DisposeAsync().AsTask().ContinueWith(static t => t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return true;
    }

    private void DrainIdleInBackground()
    {
        while (_idle.TryDequeue(out var environment))
        {
            RetireInBackground(environment);
        }
    }

    /// <summary>
    /// Stops the pool: idle environments now; busy ones when their invocation ends, unless <paramref name="busyToo"/>
    /// (server shutdown), which stops every one at once.
    /// </summary>
    internal async Task StopAsync(bool busyToo)
    {
        await _stopping.CancelAsync();
        // Environments still initialising either join the pool before this or are disposed by their start.
        Task starts;
        lock (_balance)
        {
            starts = _starting == 0 ? Task.CompletedTask
                : (_startsDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
        await starts;
        var stopping = new List<Task>();
        while (_idle.TryDequeue(out var environment))
        {
            if (_allocated.TryRemove(environment.Id, out _))
            {
                Interlocked.Decrement(ref _allocatedCount);
                stopping.Add(environment.DisposeAsync().AsTask());
            }
        }
        if (busyToo)
        {
            foreach (var environment in _allocated.Values)
            {
                if (_allocated.TryRemove(environment.Id, out _))
                {
                    stopping.Add(environment.DisposeAsync().AsTask());
                }
            }
        }
        await Task.WhenAll(stopping);
    }
}
