using System.Diagnostics;
using Fulmen.Bench.Measurement;
using Fulmen.Bench.Targets;

namespace Fulmen.Bench.Async;

/// <summary>
/// A control-plane write every half second during a phase (PutFunctionConcurrency on a function of its own):
/// its latency, and the enqueue's tail beside it, show whether a busy queue and CreateFunction,
/// UpdateFunctionConfiguration and the like hold each other up (they did while both shared one SQLite
/// file and its write lock, before 61a3b22).
/// </summary>
internal sealed class ControlPlaneProbe : IAsyncDisposable
{
    private const string Name = "control";
    private readonly FulmenApi _api;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<double> _ms = [];
    private Task _loop = Task.CompletedTask;

    private ControlPlaneProbe(FulmenApi api) => _api = api;

    public static async Task<ControlPlaneProbe> CreateAsync(FulmenApi api, RuntimeCase function)
    {
        await api.CreateFunctionAsync(Name, function.AwsRuntime, function.Handler, function.Zip());
        return new ControlPlaneProbe(api);
    }

    /// <summary>Runs <paramref name="phase"/> with the writes going on beside it; returns what the writes took.</summary>
    public async Task<(T Result, MsSample Writes)> AroundAsync<T>(Func<Task<T>> phase)
    {
        lock (_ms)
        {
            _ms.Clear();
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        _loop = LoopAsync(stop.Token);
        var result = await phase();
        await stop.CancelAsync();
        await _loop;
        lock (_ms)
        {
            return (result, new MsSample([.. _ms]));
        }
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var reserved = 1;
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await _api.PutReservedConcurrencyAsync(Name, reserved);
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
            {
                // Timed all the same: how long the caller waited for the failure.
                PhaseMeter.Log($"  PutFunctionConcurrency failed: {e.Message}");
            }
            var ms = MsSample.Ms(started, Stopwatch.GetTimestamp());
            lock (_ms)
            {
                _ms.Add(ms);
            }
            reserved = 3 - reserved; // 1, 2, 1, …: each write changes the record
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
