using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Fulmen.Bench.HttpTrigger;

/// <summary>What one <c>wrk --latency</c> run reported: rate, the latency quantiles it prints, and failures.</summary>
internal sealed record WrkResult(long Requests, double PerSecond, double P50Ms, double P90Ms, double P99Ms, double MaxMs, long Non2xx, long SocketErrors)
{
    public long Failures => Non2xx + SocketErrors;
}

/// <summary>
/// Runs Debian's <c>wrk</c> (a C load generator: its own cost per request is a few µs, far below either server's)
/// and parses its <c>--latency</c> report. wrk's latency is corrected for nothing: with a closed loop of
/// connections, each request waits only for its own response.
/// </summary>
internal static partial class Wrk
{
    public static async Task<(WrkResult Result, string Output)> RunAsync(string url, int threads, int connections, double seconds, string? script = null)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { $"-t{threads}", $"-c{connections}", FormattableString.Invariant($"-d{seconds:0}s"), "--latency", "--timeout", "10s" })
        {
            start.ArgumentList.Add(argument);
        }
        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }
        start.ArgumentList.Add(url);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start wrk");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited with {process.ExitCode}: {text}");
        }
        return (Parse(text), text);
    }

    public static WrkResult Parse(string output)
    {
        double Quantile(string percent) =>
            Regex.Match(output, $@"^\s*{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline) is { Success: true } m
                ? Ms(m.Groups[1].Value, m.Groups[2].Value)
                : double.NaN;
        var perSecond = RequestsPerSecond().Match(output);
        var requests = RequestsLine().Match(output);
        var max = LatencyLine().Match(output);
        var non2xx = Non2xxLine().Match(output);
        var socket = SocketErrorsLine().Match(output);
        return new WrkResult(
            requests.Success ? long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            perSecond.Success ? double.Parse(perSecond.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            Quantile("50"), Quantile("90"), Quantile("99"),
            max.Success ? Ms(max.Groups[1].Value, max.Groups[2].Value) : double.NaN,
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socket.Success ? socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0);
    }

    private static double Ms(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch { "us" => 0.001, "ms" => 1, _ => 1000 };

    [GeneratedRegex(@"^Requests/sec:\s+([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s*(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    // "    Latency     5.50ms    3.02ms  32.42ms   85.42%": avg, stdev, max, +/- stdev.
    [GeneratedRegex(@"^\s*Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)\s", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
