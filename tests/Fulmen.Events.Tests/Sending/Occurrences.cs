namespace Fulmen.Events.Tests.Sending;

/// <summary>A count of something that happened on another thread, and a way to wait until it reached a number.</summary>
public sealed class Occurrences
{
    /// <summary>A guard only: every wait ends as soon as its count is reached.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _count;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public void Add(int by = 1)
    {
        List<TaskCompletionSource> reached = [];
        lock (_lock)
        {
            _count += by;
            _waiters.RemoveAll(waiter =>
            {
                if (waiter.Count > _count)
                {
                    return false;
                }
                reached.Add(waiter.Reached);
                return true;
            });
        }
        foreach (var waiter in reached)
        {
            waiter.TrySetResult();
        }
    }

    public Task WaitForAsync(int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }
            _waiters.Add((count, reached));
        }
        return reached.Task.WaitAsync(Guard);
    }
}
