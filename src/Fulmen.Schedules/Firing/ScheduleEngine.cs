using Fulmen.Storage.Documents;
using Fulmen.Storage.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fulmen.Schedules.Firing;

/// <summary>
/// Fires every owner's schedules: one loop and one priority queue of next fire times, woken by the schedule clock at
/// the earliest one and by <see cref="IScheduleChanges"/> — no timer or task per schedule. The node holding the
/// schedule lease fires; each batch of ticks is recorded in flight (one write) before any owner sends, and the ticks done
/// are written after (lazily, within a second; at once for a one-time schedule), guarded by the lease's fencing token, so
/// a crash re-fires at most the ticks of the last batches (docs/schedules.md, Firing).
/// </summary>
public sealed partial class ScheduleEngine : BackgroundService
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, IScheduleOwner> _owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, ScheduleSlot>> _slots = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(ScheduleSlot Slot, int Generation), DateTimeOffset> _queue = new();
    private readonly ScheduleChangeSignal _changes;
    private readonly ScheduleStateStore _state;
    private readonly ScheduleLease _lease;
    private readonly TimeProvider _clock;
    private readonly TimeProvider _leaseTime;
    private readonly ScheduleEngineOptions _options;
    private readonly ILogger<ScheduleEngine> _logger;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long? _loadedToken;
    private long? _fencedToken;

    /// <param name="leaseTime">The process's real clock, the one the lease store keeps time with.</param>
    /// <param name="clock">The clock schedules run on (the same, or a manual clock in tests).</param>
    public ScheduleEngine(IEnumerable<IScheduleOwner> owners, ScheduleChangeSignal changes, IDocumentStore documents, ILeaseStore leases,
        TimeProvider leaseTime, ScheduleClock clock, ScheduleEngineOptions options, ScheduleMetrics metrics, ILogger<ScheduleEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        foreach (var owner in owners)
        {
            _owners.Add(owner.Name, owner);
            _slots.Add(owner.Name, new Dictionary<string, ScheduleSlot>(StringComparer.Ordinal));
        }
        _changes = changes;
        _state = new ScheduleStateStore(documents);
        _lease = new ScheduleLease(leases, leaseTime, options);
        _clock = clock.Time;
        _leaseTime = leaseTime;
        _options = options;
        Metrics = metrics;
        _logger = logger;
    }

    public ScheduleMetrics Metrics { get; }

    /// <summary>Whether this node holds the schedule lease (and so fires).</summary>
    public bool IsLeaseHolder => _lease.Token is not null && _lease.Token != _fencedToken;

    /// <summary>Every schedule of every owner, by owner and id.</summary>
    public IReadOnlyList<ScheduleStatus> Snapshot()
    {
        lock (_gate)
        {
            return [.. _slots.OrderBy(o => o.Key, StringComparer.Ordinal).SelectMany(o => o.Value.Values.OrderBy(s => s.Entry.Id, StringComparer.Ordinal)
                .Select(slot => new ScheduleStatus(o.Key, slot.Entry.Id, slot.Entry.Expression.Text, slot.Entry.Zone.Id, slot.Due,
                    slot.Due is null ? null : slot.FireAt, slot.State?.LastFired, slot.State?.LastFiredAt, slot.State?.LastResult)))];
        }
    }

    /// <summary>Makes the loop look at the clock and the owners again now.</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var owner in _owners.Keys)
        {
            _changes.Changed(owner); // the first pass reads every owner
        }
        _changes.Subscribe(Wake);
        var keeper = KeepLeaseAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (_wake.Task.IsCompleted)
                {
                    Volatile.Write(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }
                var wake = _wake.Task;
                DateTimeOffset? until;
                try
                {
                    until = await StepAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The store is unreachable (or an owner misbehaved): what was due stays queued; try again shortly.
                    LogStateFailed(_queue.Count, e.Message);
                    await Task.Delay(FailureBackoff, _leaseTime, stoppingToken);
                    continue;
                }
                await WaitAsync(wake, until, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _changes.Subscribe(null);
            await keeper;
            if (_state.HasUnflushed && _loadedToken is { } token)
            {
                await FlushAsync(token);
            }
            try
            {
                await _lease.DisposeAsync();
            }
            catch (Exception e)
            {
                LogLeaseFailed(e.Message);
            }
        }
    }

    /// <summary>One pass: read changed owners, fire what is due. Answers when to look again (null: when woken).</summary>
    private async Task<DateTimeOffset?> StepAsync(CancellationToken cancellationToken)
    {
        var token = _lease.Token;
        var holding = token is not null && token != _fencedToken;
        if (!holding)
        {
            _loadedToken = null; // whoever fired meanwhile wrote state: read it again when the lease is back
        }
        if (holding && token != _loadedToken)
        {
            await _state.LoadAsync(cancellationToken);
            _loadedToken = token;
            _changes.Take();
            lock (_gate)
            {
                foreach (var owner in _owners.Values)
                {
                    Reconcile(owner, replanAll: true);
                }
            }
            LogLeaseTaken(_options.Holder, token!.Value, _slots.Values.Sum(s => s.Count));
        }
        else
        {
            var changed = _changes.Take();
            lock (_gate)
            {
                foreach (var name in changed)
                {
                    if (_owners.TryGetValue(name, out var owner))
                    {
                        Reconcile(owner, replanAll: false);
                    }
                }
            }
        }
        if (!holding)
        {
            return null; // the lease keeper wakes the loop when this node takes the lease
        }
        var now = _clock.GetUtcNow();
        var due = TakeDue(now);
        if (due.Count > 0)
        {
            await FireAsync(due, token!.Value, cancellationToken);
            return now; // look again at once: more may have come due while firing
        }
        var next = _queue.TryPeek(out _, out var at) ? at : (DateTimeOffset?)null;
        if (_state.HasUnflushed && (next is null || next.Value - now >= FlushInterval))
        {
            await FlushAsync(token!.Value); // idle: write the done ticks now rather than leave them to a crash
        }
        return next;
    }

    private async Task WaitAsync(Task wake, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        if (until is null)
        {
            await wake.WaitAsync(cancellationToken);
            return;
        }
        var delay = until.Value - _clock.GetUtcNow();
        if (delay <= TimeSpan.Zero || wake.IsCompleted)
        {
            return;
        }
        // Whole milliseconds, rounded up: a timer rounds down, and a wake-up just before the tick would spin.
        delay = TimeSpan.FromMilliseconds(Math.Ceiling(Math.Min(delay.TotalMilliseconds, MaxWait.TotalMilliseconds)));
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var elapsed = Task.Delay(delay, _clock, timer.Token);
        // The clock may have moved between reading it and making the timer (a test's clock does): then the timer
        // counts from the new time, so look again rather than wait for it.
        if (_clock.GetUtcNow() < until.Value)
        {
            await Task.WhenAny(wake, elapsed);
        }
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>Renews (or waits to take) the lease on real time, and wakes the loop whenever its token changes.</summary>
    private async Task KeepLeaseAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var before = _lease.Token;
            try
            {
                await _lease.EnsureAsync(cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogLeaseFailed(e.Message);
            }
            if (_lease.Token != before)
            {
                Wake();
            }
            try
            {
                await Task.Delay(_options.LeaseRenewal, _leaseTime, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
