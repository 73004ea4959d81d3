using System.Collections.Concurrent;
using Fulmen.Schedules.Firing;

namespace Fulmen.Schedules.Tests.Firing;

/// <summary>An owner whose schedules a test sets, and that records every tick fired with the clock's time then.</summary>
internal sealed class RecordingOwner(string name, TimeProvider clock) : IScheduleOwner
{
    private readonly ConcurrentQueue<Fire> _fires = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _fired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<ScheduleEntry> _schedules = [];

    public string Name { get; } = name;

    /// <summary>When set, FireAsync waits for it (a tick in flight) before it records.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public IReadOnlyList<Fire> Fires => [.. _fires];

    /// <summary>Ids whose FireAsync throws (after recording the attempt).</summary>
    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<ScheduleEntry> Entries { get => _schedules; set => _schedules = value; }

    public IEnumerable<ScheduleEntry> Schedules() => _schedules;

    public async Task FireAsync(ScheduleEntry entry, ScheduleTick tick, CancellationToken cancellationToken)
    {
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }
        _fires.Enqueue(new Fire(entry.Id, tick.ScheduledTime, clock.GetUtcNow(), tick.IsLast));
        TaskCompletionSource fired;
        lock (_gate)
        {
            fired = _fired;
            _fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        fired.SetResult();
        if (Failing.Contains(entry.Id))
        {
            throw new InvalidOperationException("the target refused");
        }
    }

    /// <summary>Waits (real time, as a guard) until at least <paramref name="count"/> ticks were fired.</summary>
    public async Task WaitForAsync(int count, TimeSpan? within = null)
    {
        using var guard = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task next;
            lock (_gate)
            {
                next = _fired.Task;
            }
            if (_fires.Count >= count)
            {
                return;
            }
            try
            {
                await next.WaitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"expected {count} ticks fired, saw {_fires.Count}: {string.Join(", ", Fires)}");
            }
        }
    }

    public static ScheduleEntry Entry(string id, string expression, ScheduleDialect dialect, string zone = "UTC",
        DateTimeOffset? anchor = null, string version = "1", TimeSpan? window = null) =>
        new(id, ScheduleExpression.Parse(expression, dialect), TimeZoneInfo.FindSystemTimeZoneById(zone), null, null,
            anchor ?? DateTimeOffset.UnixEpoch, window ?? TimeSpan.Zero, version);
}

internal sealed record Fire(string Id, DateTimeOffset Scheduled, DateTimeOffset FiredAt, bool IsLast);
