namespace Fulmen.Schedules.Firing;

/// <summary>Firing a batch of due ticks: record them pending, let the owners send, record them done, plan the next.</summary>
public sealed partial class ScheduleEngine
{
    private const string FiredResult = "Fired";

    private async Task FireAsync(List<ScheduleSlot> due, long token, CancellationToken cancellationToken)
    {
        // The lease may have lapsed while the loop waited (a long pause): confirm it before anything is sent.
        long? held;
        try
        {
            held = await _lease.EnsureAsync(cancellationToken);
        }
        catch
        {
            Requeue(due);
            throw;
        }
        if (held != token)
        {
            Requeue(due);
            return;
        }

        bool recorded;
        try
        {
            recorded = await RecordAsync(due, token, slot => Pending(slot), cancellationToken);
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
        var fired = Enumerable.Range(0, due.Count).Where(i => outcomes[i] is not null).Select(i => due[i]).ToList();
        var done = new Dictionary<ScheduleSlot, ScheduleState>();
        for (var i = 0; i < due.Count; i++)
        {
            if (outcomes[i] is { } outcome)
            {
                done[due[i]] = due[i].State! with { LastFired = due[i].Due, Pending = null, LastFiredAt = outcome.FiredAt, LastResult = outcome.Result };
            }
        }
        try
        {
            // Not cancelled by a shutdown: the sends are done, and recording them spares a needless re-fire at start.
            if (fired.Count > 0 && !await RecordAsync(fired, token, slot => done[slot], CancellationToken.None))
            {
                Fenced(token);
                return;
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Sent but not recorded done: the pending record stays, so a restart fires these ticks again (at least once).
            LogStateFailed(due.Count, e.Message);
        }
        // A shutdown cut sends short: those ticks stay pending and fire again at start.
        cancellationToken.ThrowIfCancellationRequested();

        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            for (var i = 0; i < due.Count; i++)
            {
                var slot = due[i];
                slot.State = done[slot];
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

    /// <summary>The state that says the slot's due tick is being fired; what was done before stays.</summary>
    private ScheduleState Pending(ScheduleSlot slot)
    {
        var before = slot.State?.Version == slot.Entry.Version ? slot.State : null;
        var pending = (before ?? new ScheduleState { Version = slot.Entry.Version }) with { Pending = slot.Due };
        lock (_gate)
        {
            slot.State = pending;
        }
        return pending;
    }

    /// <summary>Writes one state per slot, owner by owner; false when a holder with a newer token wrote first.</summary>
    private async Task<bool> RecordAsync(List<ScheduleSlot> slots, long token, Func<ScheduleSlot, ScheduleState> state, CancellationToken cancellationToken)
    {
        foreach (var group in slots.GroupBy(slot => slot.Owner.Name, StringComparer.Ordinal))
        {
            var live = _slots[group.Key];
            var changes = group.Select(slot => (slot.Entry.Id, (ScheduleState?)state(slot))).ToList();
            if (!await _state.WriteAsync(group.Key, token, changes, live.ContainsKey, cancellationToken))
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
