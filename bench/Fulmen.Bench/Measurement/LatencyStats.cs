using System.Diagnostics;

namespace Fulmen.Bench.Measurement;

/// <summary>A latency distribution in microseconds, plus the rate it was measured at.</summary>
internal sealed record LatencyStats(int Count, double MeanUs, double P50Us, double P90Us, double P99Us, double P999Us, double MaxUs, double PerSecond, int Errors)
{
    /// <summary>Summarises Stopwatch-tick durations measured over <paramref name="elapsedTicks"/> of wall time.</summary>
    public static LatencyStats From(IEnumerable<long> ticks, long elapsedTicks, int errors)
    {
        var sorted = ticks.ToArray();
        if (sorted.Length == 0)
        {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, errors);
        }
        Array.Sort(sorted);
        var toUs = 1_000_000.0 / Stopwatch.Frequency;
        double At(double quantile) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)] * toUs;
        var perSecond = elapsedTicks > 0 ? sorted.Length / (elapsedTicks / (double)Stopwatch.Frequency) : 0;
        return new LatencyStats(sorted.Length, sorted.Average() * toUs, At(0.50), At(0.90), At(0.99), At(0.999), sorted[^1] * toUs, perSecond, errors);
    }
}

/// <summary>Durations in milliseconds (cold starts), summarised by median and spread.</summary>
internal sealed record MsSample(IReadOnlyList<double> Values)
{
    public double Median => Quantile(0.5);
    public double Min => Values.Count == 0 ? 0 : Values.Min();
    public double P90 => Quantile(0.9);

    private double Quantile(double q)
    {
        if (Values.Count == 0)
        {
            return 0;
        }
        var sorted = Values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    public static double Ms(long fromTimestamp, long toTimestamp) => (toTimestamp - fromTimestamp) * 1000.0 / Stopwatch.Frequency;
}
