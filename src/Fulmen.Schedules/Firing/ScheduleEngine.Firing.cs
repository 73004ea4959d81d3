namespace Fulmen.Schedules.Firing;

/// <summary>
/// Firing a batch of due ticks: record the batch in flight (one write), let the owners send, note the ticks done (written
/// lazily, at once for a schedule's last tick), plan the next.
/// </summary>
public sealed partial class ScheduleEngine
{
    private const string FiredResult = "Fired";

    /// <summary>How long done ticks may wait in memory while the engine is busy: a crash fires those again.</summary>
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private DateTimeOffset _lastFlush;

    private async Task FireAsync(List<ScheduleSlot> due, long token, CancellationToken cancellationToken)
    {
        bool recorded;
        try
        {
            // The lease may have lapsed while the loop waited (a long pause): confirm it before anything is sent.
            if (await _lease.EnsureAsync(cancellationToken) != token)
            {
                Requeue(due);
                return;
            }
            recorded = await RecordInFlightAsync(due, token, cancellationToken);
        }
        catch
        {
            Requeue(due);
            throw;
        }
        if (!recorded)
        {
            Fenced(token);
            return;
        }

        var outcomes = await FireAllAsync(due, cancellationToken);
        var last = false;
        for (var i = 0; i < due.Count; i++)
        {
            if (outcomes[i] is { } outcome)
            {
                var done = due[i].State! with { LastFired = due[i].Due, Pending = null, LastFiredAt = outcome.FiredAt, LastResult = outcome.Result };
                lock (_gate)
                {
                    due[i].State = done;
                }
                _state.MarkDone(due[i].Owner.Name, due[i].Entry.Id, done);
                last |= outcome.IsLast;
            }
        }
        // A one-time schedule must never fire twice: its tick is written done before anything else happens.
        if (last || _leaseTime.GetUtcNow() - _lastFlush >= FlushInterval)
        {
            await FlushAsync(token);
        }
        // A shutdown cut sends short: those ticks stay in flight and fire again at start.
        cancellationToken.ThrowIfCancellationRequested();

        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            for (var i = 0; i < due.Count; i++)
            {
                var slot = due[i];
                var scheduled = slot.Due!.Value;
                var next = outcomes[i]!.Value.IsLast ? null : slot.Next(slot.Resumed && scheduled < now ? now.AddTicks(-1) : scheduled);
                slot.Resumed = false;
                if (next is { } late && _options.CatchUpLimit is { } limit && late < now - limit)
                {
                    Metrics.RecordSkipped(slot.Owner.Name, 1);
                    LogSkipped(slot.Owner.Name, slot.Entry.Id, late, limit);
                    next = slot.Next(now.AddTicks(-1));
                }
                Enqueue(slot, next, flexible: true);
            }
        }
    }

    /// <summary>
    /// Writes the done ticks noted in memory. Not cancelled by a shutdown (the sends are done, and writing them spares
    /// a needless re-fire at start); a failure leaves them noted, to be written with the next flush.
    /// </summary>
    private async Task FlushAsync(long token)
    {
        _lastFlush = _leaseTime.GetUtcNow();
        try
        {
            if (!await _state.FlushAsync(token, (owner, id) => _slots[owner].ContainsKey(id), CancellationToken.None))
            {
                Fenced(token);
            }
        }
        catch (Exception e)
        {
            LogStateFailed(0, e.Message);
        }
    }

    /// <summary>Fires every due tick, at most <see cref="ScheduleEngineOptions.MaxConcurrentFires"/> at once; a tick a
    /// shutdown cut short has no outcome.</summary>
    private async Task<(DateTimeOffset FiredAt, string Result, bool IsLast)?[]> FireAllAsync(List<ScheduleSlot> due, CancellationToken cancellationToken)
    {
        var outcomes = new (DateTimeOffset FiredAt, string Result, bool IsLast)?[due.Count];
        using var places = new SemaphoreSlim(_options.MaxConcurrentFires);
        var sends = new Task[due.Count];
        for (var i = 0; i < due.Count; i++)
        {
            sends[i] = FireInPlaceAsync(i);
        }
        try
        {
            await Task.WhenAll(sends);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        return outcomes;

        async Task FireInPlaceAsync(int i)
        {
            await places.WaitAsync(cancellationToken);
            try
            {
                outcomes[i] = await FireOneAsync(due[i], cancellationToken);
            }
            finally
            {
                places.Release();
            }
        }
    }

    private async Task<(DateTimeOffset FiredAt, string Result, bool IsLast)> FireOneAsync(ScheduleSlot slot, CancellationToken cancellationToken)
    {
        var scheduled = slot.Due!.Value;
        var isLast = slot.Entry.Expression.Kind == ScheduleKind.At || slot.Next(scheduled) is null;
        var firedAt = _clock.GetUtcNow();
        string result;
        try
        {
            await slot.Owner.FireAsync(slot.Entry, new ScheduleTick(scheduled, isLast), cancellationToken);
            result = FiredResult;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            result = $"Failed: {e.Message}";
            LogFireFailed(slot.Owner.Name, slot.Entry.Id, scheduled, e.Message);
        }
        Metrics.RecordFire(slot.Owner.Name, firedAt - slot.FireAt, result != FiredResult);
        return (firedAt, result, isLast);
    }

    /// <summary>Records the batch in flight, owner by owner (the tick being fired; what was done before stays in the state).</summary>
    private async Task<bool> RecordInFlightAsync(List<ScheduleSlot> due, long token, CancellationToken cancellationToken)
    {
        foreach (var group in due.GroupBy(slot => slot.Owner.Name, StringComparer.Ordinal))
        {
            var batch = new List<(string Id, ScheduleState State)>();
            foreach (var slot in group)
            {
                var before = slot.State?.Version == slot.Entry.Version ? slot.State : null;
                var pending = (before ?? new ScheduleState { Version = slot.Entry.Version }) with { Pending = slot.Due };
                lock (_gate)
                {
                    slot.State = pending;
                }
                batch.Add((slot.Entry.Id, new ScheduleState { Version = slot.Entry.Version, Pending = slot.Due }));
            }
            if (!await _state.RecordInFlightAsync(group.Key, token, batch, cancellationToken))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Another holder took over: stop firing under this token; the state is read again when the lease is back.</summary>
    private void Fenced(long token)
    {
        LogFenced();
        _fencedToken = token;
        _loadedToken = null;
    }
}
