using Fulmen.Functions.Concurrency;

namespace Fulmen.Functions.Async;

/// <summary>
/// Decides which queued event runs next. Each function has a lane of ready events; lanes take turns
/// (round robin), so one function's backlog never starves another's. A lane runs at most its reserved
/// concurrency at once, all lanes together at most <see cref="AsyncOptions.MaxConcurrency"/>. Events
/// waiting for a retry sit in a timer-driven heap until they are due.
/// </summary>
public sealed class AsyncScheduler : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Lane> _lanes = new(StringComparer.Ordinal);
    private readonly Queue<Lane> _turns = new();
    private readonly PriorityQueue<AsyncEvent, DateTimeOffset> _delayed = new();
    private readonly AsyncOptions _options;
    private readonly ConcurrencyGate _concurrency;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private DateTimeOffset _timerDue = DateTimeOffset.MaxValue;
    private int _running;
    private Action<AsyncEvent>? _start;

    public AsyncScheduler(AsyncOptions options, ConcurrencyGate concurrency, TimeProvider time)
    {
        _options = options;
        _concurrency = concurrency;
        _time = time;
        _timer = time.CreateTimer(_ => PromoteDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Starts handing due events to <paramref name="start"/>; before this, events only accumulate.</summary>
    public void Begin(Action<AsyncEvent> start)
    {
        lock (_lock)
        {
            _start = start;
        }
        Pump();
    }

    /// <summary>Stops handing out events; what is queued stays queued (and stored).</summary>
    public void Halt()
    {
        lock (_lock)
        {
            _start = null;
        }
    }

    /// <summary>A new or resumed event: ready now, or delayed until <see cref="AsyncEvent.DueAt"/>.</summary>
    public void Add(AsyncEvent asyncEvent)
    {
        lock (_lock)
        {
            if (asyncEvent.DueAt > _time.GetUtcNow())
            {
                DelayLocked(asyncEvent);
            }
            else
            {
                ReadyLocked(asyncEvent);
            }
        }
        Pump();
    }

    /// <summary>An event that ran (or could not) and is finished with its slot; it may have been re-added before.</summary>
    public void Release(string functionName)
    {
        lock (_lock)
        {
            var lane = _lanes[functionName];
            lane.Running--;
            _running--;
            OfferTurnLocked(lane);
        }
        Pump();
    }

    /// <summary>Counts of one function's events by state; the dispatcher updates the outcome counters.</summary>
    public void Count(string functionName, Action<AsyncCounts> update)
    {
        lock (_lock)
        {
            update(LaneLocked(functionName).Counts);
        }
    }

    /// <summary>Per function: waiting, in flight, retrying, and what became of finished events.</summary>
    public IReadOnlyList<AsyncQueueStatus> Snapshot()
    {
        lock (_lock)
        {
            return [.. _lanes.Values.OrderBy(lane => lane.Name, StringComparer.Ordinal).Select(lane => new AsyncQueueStatus(
                lane.Name, lane.Ready.Count, lane.Running, lane.Delayed,
                lane.Counts.Succeeded, lane.Counts.SentOnSuccess, lane.Counts.SentOnFailure, lane.Counts.Dropped))];
        }
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>Starts as many ready events as the limits allow, taking lanes in turn.</summary>
    private void Pump()
    {
        List<AsyncEvent>? starting = null;
        Action<AsyncEvent>? start;
        lock (_lock)
        {
            start = _start;
            while (start is not null && _running < _options.MaxConcurrency && _turns.TryDequeue(out var lane))
            {
                lane.HasTurn = false;
                if (lane.Ready.Count == 0 || lane.Running >= LimitOf(lane))
                {
                    continue;
                }
                lane.Running++;
                _running++;
                (starting ??= []).Add(lane.Ready.Dequeue());
                OfferTurnLocked(lane);
            }
        }
        if (starting is not null)
        {
            foreach (var asyncEvent in starting)
            {
                start!(asyncEvent);
            }
        }
    }

    private void PromoteDue()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            while (_delayed.TryPeek(out var next, out var due) && due <= now)
            {
                _delayed.Dequeue();
                _lanes[next.FunctionName].Delayed--;
                ReadyLocked(next);
            }
            _timerDue = DateTimeOffset.MaxValue;
            ArmTimerLocked();
        }
        Pump();
    }

    private void ReadyLocked(AsyncEvent asyncEvent)
    {
        var lane = LaneLocked(asyncEvent.FunctionName);
        lane.Ready.Enqueue(asyncEvent);
        OfferTurnLocked(lane);
    }

    private void DelayLocked(AsyncEvent asyncEvent)
    {
        LaneLocked(asyncEvent.FunctionName).Delayed++;
        _delayed.Enqueue(asyncEvent, asyncEvent.DueAt);
        ArmTimerLocked();
    }

    private void ArmTimerLocked()
    {
        if (_delayed.TryPeek(out _, out var due) && due < _timerDue)
        {
            _timerDue = due;
            var wait = due - _time.GetUtcNow();
            _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Puts the lane at the back of the line when it has work and room to run it.</summary>
    private void OfferTurnLocked(Lane lane)
    {
        if (!lane.HasTurn && lane.Ready.Count > 0 && lane.Running < LimitOf(lane))
        {
            lane.HasTurn = true;
            _turns.Enqueue(lane);
        }
    }

    /// <summary>Reserved concurrency bounds a lane; 0 still lets one event through at a time, to be throttled and backed off.</summary>
    private int LimitOf(Lane lane) =>
        _concurrency.ReservedFor(lane.Name) is { } reserved ? Math.Clamp(reserved, 1, _options.MaxConcurrency) : _options.MaxConcurrency;

    private Lane LaneLocked(string functionName)
    {
        if (!_lanes.TryGetValue(functionName, out var lane))
        {
            lane = new Lane(functionName);
            _lanes[functionName] = lane;
        }
        return lane;
    }

    private sealed class Lane(string name)
    {
        public string Name { get; } = name;
        public Queue<AsyncEvent> Ready { get; } = new();
        public int Running { get; set; }
        public int Delayed { get; set; }
        public bool HasTurn { get; set; }
        public AsyncCounts Counts { get; } = new();
    }
}

/// <summary>What became of one function's finished events since the server started.</summary>
public sealed class AsyncCounts
{
    public long Succeeded { get; set; }
    public long SentOnSuccess { get; set; }
    public long SentOnFailure { get; set; }
    public long Dropped { get; set; }
}

/// <summary>One function's asynchronous queue, as <c>fulmen queue</c> and the metrics show it.</summary>
public sealed record AsyncQueueStatus(
    string FunctionName, int Waiting, int InFlight, int Retrying,
    long Succeeded, long SentOnSuccess, long SentOnFailure, long Dropped);
