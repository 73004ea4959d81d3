using Fulmen.Schedules;
using Fulmen.Schedules.Firing;
using Fulmen.Storage.Documents;

namespace Fulmen.Scheduler.Model;

/// <summary>A stored schedule with its parsed expression and zone (null when a later parser refuses what was stored).</summary>
public sealed record StoredSchedule(ScheduleRecord Record, ScheduleExpression? Expression, TimeZoneInfo? Zone)
{
    public static StoredSchedule From(ScheduleRecord record)
    {
        ScheduleExpression.TryParse(record.ScheduleExpression, ScheduleDialect.Scheduler, out var expression, out _);
        return new(record, expression, SchedulerZones.Find(record.ScheduleExpressionTimezone));
    }
}

/// <summary>
/// Every schedule group and schedule, one document each, held in memory so the firing side lists them without a
/// database read. Each change is one mutation of one document; after every change to schedules the engine that fires
/// them is told (<see cref="IScheduleChanges"/>), so it re-reads them instead of polling.
/// </summary>
public sealed class ScheduleCatalog(IDocumentStore store, ScheduleClock clock, IEnumerable<IScheduleChanges> changes)
{
    public const string DefaultGroup = "default";

    /// <summary>The owner name schedules carry in the engine (<see cref="IScheduleOwner.Name"/>).</summary>
    public const string OwnerName = "scheduler";

    private readonly IScheduleChanges[] _changes = [.. changes];

    private readonly DocumentView<ScheduleGroupRecord, ScheduleGroupRecord> _groups =
        new(new DocumentCollection<ScheduleGroupRecord>(store, "scheduler-group", SchedulerJsonContext.Default.ScheduleGroupRecord), static (record, _) => record);

    private readonly DocumentView<ScheduleRecord, StoredSchedule> _schedules =
        new(new DocumentCollection<ScheduleRecord>(store, "scheduler-schedule", SchedulerJsonContext.Default.ScheduleRecord), static (record, _) => StoredSchedule.From(record));

    public static string Key(string group, string name) => $"{group}/{name}";

    /// <summary>Loads groups and schedules, and creates the <c>default</c> group the first time.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _groups.LoadAsync(cancellationToken);
        await _schedules.LoadAsync(cancellationToken);
        if (_groups.Find(DefaultGroup) is null)
        {
            var now = Seconds(clock.Time.GetUtcNow());
            await _groups.ChangeAsync(DefaultGroup, existing => existing is null
                ? DocumentChange.Put(new ScheduleGroupRecord { Name = DefaultGroup, CreationDate = now, LastModificationDate = now }, true)
                : DocumentChange.Keep<ScheduleGroupRecord, bool>(false), cancellationToken);
        }
    }

    public static double Seconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds() / 1000.0;

    public ValueTask<ScheduleGroupRecord?> FindGroupAsync(string name, CancellationToken cancellationToken = default) => _groups.GetAsync(name, cancellationToken);

    public IReadOnlyList<ScheduleGroupRecord> Groups => [.. _groups.Entries.OrderBy(g => g.Name, StringComparer.Ordinal)];

    public Task<(ScheduleGroupRecord? Group, TResult Result)> ChangeGroupAsync<TResult>(
        string name, Func<ScheduleGroupRecord?, DocumentChange<ScheduleGroupRecord, TResult>> change, CancellationToken cancellationToken = default) =>
        _groups.ChangeAsync(name, change, cancellationToken);

    public ValueTask<StoredSchedule?> FindScheduleAsync(string group, string name, CancellationToken cancellationToken = default) =>
        _schedules.GetAsync(Key(group, name), cancellationToken);

    public StoredSchedule? FindSchedule(string key) => _schedules.Find(key);

    /// <summary>Every schedule, by group then name.</summary>
    public IReadOnlyList<StoredSchedule> Schedules =>
        [.. _schedules.Entries.OrderBy(s => s.Record.GroupName, StringComparer.Ordinal).ThenBy(s => s.Record.Name, StringComparer.Ordinal)];

    /// <summary>Changes one schedule, then tells the firing engine when something was written.</summary>
    public async Task<(StoredSchedule? Schedule, TResult Result)> ChangeScheduleAsync<TResult>(
        string group, string name, Func<ScheduleRecord?, DocumentChange<ScheduleRecord, TResult>> change, CancellationToken cancellationToken = default)
    {
        var written = false;
        var result = await _schedules.ChangeAsync(Key(group, name), existing =>
        {
            var decided = change(existing);
            written = decided.Kind != DocumentChangeKind.Keep;
            return decided;
        }, cancellationToken);
        if (written)
        {
            NotifyChanged();
        }
        return result;
    }

    /// <summary>Deletes a group and every schedule in it (AWS deletes them with the group).</summary>
    public async Task DeleteGroupAsync(string name, CancellationToken cancellationToken = default)
    {
        foreach (var schedule in _schedules.Entries.Where(s => s.Record.GroupName == name))
        {
            await _schedules.ChangeAsync(schedule.Record.Key, static existing => DocumentChange.Delete<ScheduleRecord, bool>(existing is not null), cancellationToken);
        }
        await _groups.ChangeAsync(name, static existing => DocumentChange.Delete<ScheduleGroupRecord, bool>(existing is not null), cancellationToken);
        NotifyChanged();
    }

    private void NotifyChanged()
    {
        foreach (var changed in _changes)
        {
            changed.Changed(OwnerName);
        }
    }
}
