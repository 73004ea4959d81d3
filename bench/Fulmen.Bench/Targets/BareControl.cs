using System.Text.Json;
using Fulmen.Bench.Bare;
using Fulmen.Bench.Measurement;

namespace Fulmen.Bench.Targets;

/// <summary>The orchestrator's side of <see cref="BareServer"/>'s control endpoints.</summary>
internal sealed class BareControl(Uri endpoint) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromMinutes(5) };

    public Uri InvokeUri => new(endpoint, "/invoke");

    public Task<PoolResult> PoolAsync(int size) => CallAsync<PoolResult>($"/_bench/pool?size={size}");

    public Task<ColdResult> ColdAsync(int iterations, bool viaShell) =>
        CallAsync<ColdResult>($"/_bench/cold?iterations={iterations}&shell={(viaShell ? 1 : 0)}");

    public Task<LatencyStats> LoopSequentialAsync(int warmup, int count) =>
        CallAsync<LatencyStats>($"/_bench/loop?concurrency=1&warmup={warmup}&count={count}");

    public Task<LatencyStats> LoopConcurrentAsync(int concurrency, double warmupSeconds, double seconds) =>
        CallAsync<LatencyStats>(FormattableString.Invariant($"/_bench/loop?concurrency={concurrency}&warmupSeconds={warmupSeconds}&seconds={seconds}"));

    private async Task<T> CallAsync<T>(string path)
    {
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), null);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"bare-server {path} failed: {text}");
        }
        return JsonSerializer.Deserialize<T>(text, BenchJson.Options)!;
    }

    public void Dispose() => _http.Dispose();
}
