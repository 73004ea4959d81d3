using System.Globalization;

namespace Fulmen.Bench.ScriptCold;

/// <summary>The server's pre-started runtime pools as <c>GET /metrics</c> shows them.</summary>
internal static class PoolMetrics
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary><c>fulmen_prewarmed_taken_total{runtime=…}</c>: cold starts served by a pre-started runtime of that kind so far.</summary>
    public static async Task<long> TakenAsync(Uri server, string runtime)
    {
        var text = await Http.GetStringAsync(new Uri(server, "/metrics"));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("fulmen_prewarmed_taken_total{", StringComparison.Ordinal)
            && l.Contains($"runtime=\"{runtime}\"", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
