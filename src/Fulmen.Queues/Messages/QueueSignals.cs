using System.Collections.Concurrent;

namespace Fulmen.Queues.Messages;

/// <summary>
/// Wakes long polls in this process: a send pulses the queue's signal, and times when a delayed or received message
/// becomes visible again are recorded so a waiting receive looks again then. Nothing polls the store in a loop;
/// a send from another server on the same database is seen when the wait ends.
/// </summary>
internal sealed class QueueSignals(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Signal> _signals = new(StringComparer.Ordinal);

    public Signal For(string storeKey) => _signals.GetOrAdd(storeKey, static _ => new Signal());

    public void Remove(string storeKey)
    {
        if (_signals.TryRemove(storeKey, out var signal))
        {
            signal.Pulse();
        }
    }

    /// <summary>Waits for a pulse, the next recorded visibility time, or <paramref name="deadline"/>, whichever is first.</summary>
    public async Task WaitAsync(Task pulse, Signal signal, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = signal.NextDue(now) is { } due && due < deadline ? due : deadline;
        if (until <= now)
        {
            return;
        }
        try
        {
            await pulse.WaitAsync(until - now, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The wait ended: the caller looks again and decides.
        }
    }

    internal sealed class Signal
    {
        private readonly Lock _lock = new();
        private readonly SortedSet<DateTimeOffset> _dues = [];
        private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The task the next pulse completes; take it before looking at the store, so no send is missed.</summary>
        public Task Next
        {
            get
            {
                lock (_lock)
                {
                    return _pulse.Task;
                }
            }
        }

        public void Pulse()
        {
            TaskCompletionSource pulse;
            lock (_lock)
            {
                pulse = _pulse;
                _pulse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            pulse.TrySetResult();
        }

        /// <summary>Messages become visible at <paramref name="at"/> (a delay or a visibility timeout ends).</summary>
        public void VisibleAt(DateTimeOffset at, DateTimeOffset now)
        {
            lock (_lock)
            {
                Prune(now);
                _dues.Add(at);
            }
        }

        public DateTimeOffset? NextDue(DateTimeOffset now)
        {
            lock (_lock)
            {
                Prune(now);
                return _dues.Count > 0 ? _dues.Min : null;
            }
        }

        private void Prune(DateTimeOffset now)
        {
            while (_dues.Count > 0 && _dues.Min <= now)
            {
                _dues.Remove(_dues.Min);
            }
        }
    }
}
