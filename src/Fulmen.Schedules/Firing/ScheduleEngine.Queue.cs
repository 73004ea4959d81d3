namespace Fulmen.Schedules.Firing;

/// <summary>The engine's schedules and its queue of next fire times; only the loop changes them, under the lock.</summary>
public sealed partial class ScheduleEngine
{
    /// <summary>
    /// Brings one owner's slots in line with its schedules: new and changed ones (another version) are planned from
    /// their durable state, gone ones leave (their queued ticks go stale). <paramref name="replanAll"/> plans the
    /// unchanged ones again too (after the state was loaded).
    /// </summary>
    private void Reconcile(IScheduleOwner owner, bool replanAll)
    {
        List<ScheduleEntry> entries;
        try
        {
            entries = [.. owner.Schedules()];
        }
        catch (Exception e)
        {
            LogOwnerFailed(owner.Name, e.Message);
            return;
        }
        var slots = _slots[owner.Name];
        var now = _clock.GetUtcNow();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!seen.Add(entry.Id))
            {
                continue;
            }
            if (slots.TryGetValue(entry.Id, out var slot) && slot.Entry.Version == entry.Version)
            {
                slot.Entry = entry;
                if (!replanAll)
                {
                    continue;
                }
            }
            else if (slot is null)
            {
                slot = new ScheduleSlot(owner, entry);
                slots.Add(entry.Id, slot);
            }
            else
            {
                slot.Entry = entry;
            }
            PlanFirst(slot, now);
        }
        foreach (var gone in slots.Keys.Where(id => !seen.Contains(id)).ToList())
        {
            slots[gone].Generation++;
            slots.Remove(gone);
        }
        CompactQueue();
    }

    /// <summary>The first tick from the durable state, once it is loaded (this node holds the lease); unplanned before.</summary>
    private void PlanFirst(ScheduleSlot slot, DateTimeOffset now)
    {
        if (_loadedToken is null)
        {
            slot.Plan(null, flexible: false);
            return;
        }
        slot.State = _state.Find(slot.Owner.Name, slot.Entry.Id);
        var first = slot.FirstTick(now);
        slot.Resumed = first <= now;
        // A pending tick (in flight at a crash) and a missed one-time tick fire at once, not at a random later time.
        Enqueue(slot, first, flexible: first > now);
    }

    private void Enqueue(ScheduleSlot slot, DateTimeOffset? due, bool flexible)
    {
        slot.Plan(due, flexible);
        if (due is not null)
        {
            _queue.Enqueue((slot, slot.Generation), slot.FireAt);
        }
    }

    /// <summary>Puts back ticks taken but not fired, as they were planned.</summary>
    private void Requeue(IEnumerable<ScheduleSlot> slots)
    {
        lock (_gate)
        {
            foreach (var slot in slots)
            {
                _queue.Enqueue((slot, slot.Generation), slot.FireAt);
            }
        }
    }

    /// <summary>Every queued tick due by <paramref name="now"/>, earliest first, skipping stale ones.</summary>
    private List<ScheduleSlot> TakeDue(DateTimeOffset now)
    {
        var due = new List<ScheduleSlot>();
        lock (_gate)
        {
            while (_queue.TryPeek(out var item, out var at) && at <= now)
            {
                _queue.Dequeue();
                if (item.Slot.Generation == item.Generation)
                {
                    due.Add(item.Slot);
                }
            }
        }
        return due;
    }

    /// <summary>Stale entries (changed or removed schedules) stay queued until due; rebuilds when they outnumber live ones.</summary>
    private void CompactQueue()
    {
        var live = _slots.Values.Sum(slots => slots.Count);
        if (_queue.Count <= (2 * live) + 1024)
        {
            return;
        }
        _queue.Clear();
        foreach (var slot in _slots.Values.SelectMany(slots => slots.Values).Where(slot => slot.Due is not null))
        {
            _queue.Enqueue((slot, slot.Generation), slot.FireAt);
        }
    }
}
