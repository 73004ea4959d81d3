namespace Fulmen.Functions.EventSources.Polling;

/// <summary>
/// How many batches a mapping works on at once, as Lambda scales SQS pollers: start with 5, add one while records
/// keep waiting (at most 300 a minute), never above the mapping's MaximumConcurrency nor the function's reserved
/// concurrency, and drop back to 5 when receives come back empty.
/// </summary>
public sealed class PollerScaling(int? maximumConcurrency, Func<int?> reservedConcurrency, TimeProvider time)
{
    public const int Initial = 5;
    /// <summary>Lambda's ceiling per SQS mapping without MaximumConcurrency.</summary>
    public const int Ceiling = 1250;
    /// <summary>300 more concurrent batches a minute: one every 200 ms.</summary>
    public static readonly TimeSpan GrowthInterval = TimeSpan.FromMilliseconds(200);

    private readonly Lock _lock = new();
    private DateTimeOffset _lastGrowth = DateTimeOffset.MinValue;
    private int _target = -1;

    /// <summary>The most batches at once now: the mapping's cap and the function's reservation (at least one poller).</summary>
    public int Limit => Math.Max(1, Math.Min(maximumConcurrency ?? Ceiling, reservedConcurrency() ?? int.MaxValue));

    public int Floor => Math.Min(Initial, Limit);

    /// <summary>How many workers should run.</summary>
    public int Target
    {
        get
        {
            lock (_lock)
            {
                if (_target < 0)
                {
                    _target = Floor;
                }
                return _target = Math.Clamp(_target, Floor, Limit);
            }
        }
    }

    /// <summary>A worker saw a full batch (records are waiting): grow by one when the ramp allows. True when it grew.</summary>
    public bool Busy()
    {
        var now = time.GetUtcNow();
        var target = Target;
        lock (_lock)
        {
            if (target >= Limit || now - _lastGrowth < GrowthInterval)
            {
                return false;
            }
            _lastGrowth = now;
            _target = target + 1;
            return true;
        }
    }

    /// <summary>A worker's long poll came back empty: shrink by one toward the floor. True when it shrank.</summary>
    public bool Idle()
    {
        var target = Target;
        lock (_lock)
        {
            if (target <= Floor)
            {
                return false;
            }
            _target = target - 1;
            return true;
        }
    }
}
