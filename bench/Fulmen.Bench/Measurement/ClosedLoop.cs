using System.Diagnostics;

namespace Fulmen.Bench.Measurement;

/// <summary>
/// Closed-loop load: a fixed number of loops, each starting its next operation as soon as the last one
/// ends. An operation returns false for a wrong answer, which is counted as an error and not timed.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>One loop: <paramref name="warmup"/> untimed operations, then <paramref name="count"/> timed ones.</summary>
    public static async Task<LatencyStats> SequentialAsync(Func<Task<bool>> operation, int warmup, int count)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation();
        }
        var ticks = new List<long>(count);
        var errors = 0;
        var began = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            if (await operation())
            {
                ticks.Add(Stopwatch.GetTimestamp() - started);
            }
            else
            {
                errors++;
            }
        }
        return LatencyStats.From(ticks, Stopwatch.GetTimestamp() - began, errors);
    }

    /// <summary>
    /// <paramref name="concurrency"/> loops (loop i calls <c>operation(i)</c>) for <paramref name="warmup"/>,
    /// then again for <paramref name="duration"/>, timed. The rate is completed operations over the wall
    /// time until the last loop stopped.
    /// </summary>
    public static async Task<LatencyStats> ConcurrentAsync(int concurrency, Func<int, Task<bool>> operation, TimeSpan warmup, TimeSpan duration)
    {
        if (warmup > TimeSpan.Zero)
        {
            await RunAsync(concurrency, operation, warmup);
        }
        return await RunAsync(concurrency, operation, duration);
    }

    /// <summary>
    /// <paramref name="concurrency"/> loops sharing <paramref name="count"/> operations between them (to put a
    /// fixed amount of work somewhere, such as an async backlog), timed.
    /// </summary>
    public static async Task<LatencyStats> ConcurrentCountAsync(int concurrency, Func<Task<bool>> operation, int count)
    {
        var left = count;
        var began = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var ticks = new List<long>(count / concurrency + 1);
            var errors = 0;
            while (Interlocked.Decrement(ref left) >= 0)
            {
                var started = Stopwatch.GetTimestamp();
                if (await operation())
                {
                    ticks.Add(Stopwatch.GetTimestamp() - started);
                }
                else
                {
                    errors++;
                }
            }
            return (ticks, errors);
        })).ToArray();
        var results = await Task.WhenAll(loops);
        return LatencyStats.From(results.SelectMany(r => r.ticks), Stopwatch.GetTimestamp() - began, results.Sum(r => r.errors));
    }

    private static async Task<LatencyStats> RunAsync(int concurrency, Func<int, Task<bool>> operation, TimeSpan duration)
    {
        var began = Stopwatch.GetTimestamp();
        var deadline = began + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, concurrency).Select(index => Task.Run(async () =>
        {
            var ticks = new List<long>(16 * 1024);
            var errors = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                if (await operation(index))
                {
                    ticks.Add(Stopwatch.GetTimestamp() - started);
                }
                else
                {
                    errors++;
                }
            }
            return (ticks, errors);
        })).ToArray();
        var results = await Task.WhenAll(loops);
        var elapsed = Stopwatch.GetTimestamp() - began;
        return LatencyStats.From(results.SelectMany(r => r.ticks), elapsed, results.Sum(r => r.errors));
    }
}
