namespace Fulmen.Schedules.Firing;

/// <summary>
/// The <see cref="IScheduleChanges"/> owners call. A service of its own rather than the engine, so an owner's catalog
/// can depend on it while the engine depends on the owners. Remembers which owners changed until the engine takes
/// them, so a change made before the engine started is not lost.
/// </summary>
public sealed class ScheduleChangeSignal : IScheduleChanges
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private Action? _wake;

    public void Changed(string owner)
    {
        Action? wake;
        lock (_gate)
        {
            _changed.Add(owner);
            wake = _wake;
        }
        wake?.Invoke();
    }

    /// <summary>The owners changed since the last call, and forgets them.</summary>
    internal IReadOnlyList<string> Take()
    {
        lock (_gate)
        {
            if (_changed.Count == 0)
            {
                return [];
            }
            string[] owners = [.. _changed];
            _changed.Clear();
            return owners;
        }
    }

    internal void Subscribe(Action? wake)
    {
        lock (_gate)
        {
            _wake = wake;
        }
    }
}
