namespace Fulmen.Functions.EventSources.Polling;

/// <summary>
/// How many batches a mapping works on at once, as Lambda scales SQS pollers: start with 5, add one while records
/// keep waiting (at most 300 a minute), never above the mapping's MaximumConcurrency, the function's reserved
/// concurrency, nor what this server can run at once (<paramref name="ceiling"/>: its account concurrency, AWS's
/// 1,250 per mapping being more than one machine runs); drop back toward 5 when receives come back empty, and by
/// one on each throttle, after which growth pauses for <see cref="ThrottlePause"/>.
/// </summary>
public sealed class PollerScaling(int? maximumConcurrency, Func<int?> reservedConcurrency, TimeProvider time, int ceiling = PollerScaling.Ceiling)
{
    public const int Initial = 5;
    /// <summary>Lambda's ceiling per SQS mapping without MaximumConcurrency.</summary>
    public const int Ceiling = 1250;
    /// <summary>300 more concurrent batches a minute: one every 200 ms.</summary>
    public static readonly TimeSpan GrowthInterval = TimeSpan.FromMilliseconds(200);
    /// <summary>After a throttle, no growth for this long: the first back-off a throttled worker waits.</summary>
    public static readonly TimeSpan ThrottlePause = TimeSpan.FromSeconds(1);

    private readonly int _ceiling = Math.Clamp(ceiling, 1, Ceiling);
    private readonly Lock _lock = new();
    private DateTimeOffset _nextGrowth = DateTimeOffset.MinValue;
    private int _target = -1;

    /// <summary>The most batches at once now: the mapping's cap, the function's reservation, this server (at least one poller).</summary>
    public int Limit => Math.Max(1, Math.Min(Math.Min(maximumConcurrency ?? _ceiling, _ceiling), reservedConcurrency() ?? int.MaxValue));

    public int Floor => Math.Min(Initial, Limit);

    /// <summary>How many workers should run.</summary>
    public int Target
    {
        get
        {
            var floor = Floor;
            var limit = Limit;
            lock (_lock)
            {
                if (_target < 0)
                {
                    _target = floor;
                }
                return _target = Math.Clamp(_target, floor, limit);
            }
        }
    }

    /// <summary>A worker saw a full batch (records are waiting): grow by one when the ramp allows. True when it grew.</summary>
    public bool Busy()
    {
        var now = time.GetUtcNow();
        var target = Target;
        var limit = Limit;
        lock (_lock)
        {
            if (target >= limit || now < _nextGrowth)
            {
                return false;
            }
            _nextGrowth = now + GrowthInterval;
            _target = target + 1;
            return true;
        }
    }

    /// <summary>A worker's long poll came back empty: shrink by one toward the floor. True when it shrank.</summary>
    public bool Idle()
    {
        var target = Target;
        var floor = Floor;
        lock (_lock)
        {
            if (target <= floor)
            {
                return false;
            }
            _target = target - 1;
            return true;
        }
    }

    /// <summary>
    /// The function refused a batch for lack of concurrency: one worker fewer (not below the floor), and no growth
    /// for <see cref="ThrottlePause"/>. The batch itself is not lost: it goes back to the source. True when it shrank.
    /// </summary>
    public bool Throttled()
    {
        var now = time.GetUtcNow();
        var target = Target;
        var floor = Floor;
        lock (_lock)
        {
            _nextGrowth = now + ThrottlePause;
            if (target <= floor)
            {
                return false;
            }
            _target = target - 1;
            return true;
        }
    }
}
