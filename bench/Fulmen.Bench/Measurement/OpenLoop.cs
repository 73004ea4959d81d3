using System.Diagnostics;

namespace Fulmen.Bench.Measurement;

/// <summary>An open-loop sender: a steady rate whatever the answers' latency, as producers send in production.</summary>
internal static class OpenLoop
{
    /// <summary>
    /// Calls <paramref name="send"/> <paramref name="rate"/> times a second for <paramref name="duration"/>, each at its
    /// due time, without waiting for earlier calls; returns how many and the seconds taken. Each call's own duration
    /// (Stopwatch ticks) is added to <paramref name="sendTicks"/> when given.
    /// </summary>
    public static async Task<(int Sent, double Seconds)> PaceAsync(int rate, TimeSpan duration, Func<Task> send, List<long>? sendTicks)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var began = Stopwatch.GetTimestamp();
        var sends = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = began + i * Stopwatch.Frequency / rate;
            while (Stopwatch.GetTimestamp() < due)
            {
                // Timers tick about every millisecond here: sends due meanwhile go out together, on time or just after.
                await Task.Delay(1);
            }
            sends.Add(TimedAsync(send, sendTicks));
        }
        await Task.WhenAll(sends);
        return (total, (Stopwatch.GetTimestamp() - began) / (double)Stopwatch.Frequency);
    }

    /// <summary>The value at quantile <paramref name="q"/> of ascending <paramref name="sorted"/> values (0 when empty).</summary>
    public static double Quantile(List<double> sorted, double q) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static async Task TimedAsync(Func<Task> send, List<long>? sendTicks)
    {
        var started = Stopwatch.GetTimestamp();
        await send();
        if (sendTicks is not null)
        {
            lock (sendTicks)
            {
                sendTicks.Add(Stopwatch.GetTimestamp() - started);
            }
        }
    }
}
