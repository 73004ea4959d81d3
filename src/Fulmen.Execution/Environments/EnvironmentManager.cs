using System.Collections.Concurrent;
using Fulmen.Execution.Provisioned;

namespace Fulmen.Execution.Environments;

/// <summary>
/// All execution environments of this server, grouped by function version (<c>$LATEST</c>, "1", …): versions of one
/// function stay warm side by side. One timer sweeps idle environments;
/// stopping the manager stops every environment and so every process the server started.
/// </summary>
public sealed class EnvironmentManager : IAsyncDisposable
{
    private readonly EnvironmentServices _services;
    private readonly ConcurrentDictionary<(string Function, string Version), FunctionEnvironments> _functions = new();
    private readonly ITimer _sweeper;
    private int _sweeping;

    public EnvironmentManager(EnvironmentServices services)
    {
        _services = services;
        Provisioned = new ProvisionedEnvironments(services);
        var period = TimeSpan.FromTicks(Math.Clamp(services.Options.IdleTimeout.Ticks / 4, TimeSpan.TicksPerSecond / 10, TimeSpan.TicksPerMinute));
        _sweeper = services.Time.CreateTimer(static state => ((EnvironmentManager)state!).Sweep(), this, period, period);
    }

    /// <summary>Environments started ahead of invokes for provisioned concurrency, per version or alias.</summary>
    public ProvisionedEnvironments Provisioned { get; }

    /// <summary>Runs an invocation in an idle provisioned environment of the version, else a warm one, else a new one.</summary>
    public Task<InvocationOutcome> InvokeAsync(EnvironmentSpec spec, Invocation invocation, CancellationToken cancellationToken) =>
        Provisioned.TryTake(spec, out var provisioned) is { } pool
            ? pool.InvokeAsync(provisioned!, invocation)
            : _functions.GetOrAdd((spec.FunctionName, spec.Version), static (_, services) => new FunctionEnvironments(services), _services)
            .InvokeAsync(spec, invocation, cancellationToken);

    /// <summary>
    /// Stops the idle environments of a function version that was deleted (<paramref name="currentRevision"/> null:
    /// all of them), or those left from an older revision after its code or configuration changed. Environments of
    /// the current revision stay warm: a change that keeps the revision (tags, concurrency) does not cost a cold start.
    /// </summary>
    public Task RetireAsync(string functionName, string version, string? currentRevision) =>
        _functions.TryGetValue((functionName, version), out var environments)
            ? environments.StopIdleAsync(currentRevision is null ? long.MaxValue : long.MinValue, currentRevision)
            : Task.CompletedTask;

    /// <summary>Stops the idle environments of every version of a deleted function.</summary>
    public async Task RetireFunctionAsync(string functionName)
    {
        foreach (var key in _functions.Keys)
        {
            if (key.Function == functionName)
            {
                await RetireAsync(functionName, key.Version, currentRevision: null);
            }
        }
    }

    private async void Sweep()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }
        try
        {
            var idleSince = _services.Time.GetTimestamp() - (long)(_services.Options.IdleTimeout.TotalSeconds * _services.Time.TimestampFrequency);
            foreach (var environments in _functions.Values)
            {
                await environments.StopIdleAsync(idleSince, currentRevision: null);
            }
            _services.Logs.EnforceTotalCap();
        }
        catch (Exception)
        {
            // A failed sweep is retried at the next tick; it must never take the server down.
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sweeper.DisposeAsync();
        await Provisioned.StopAllAsync();
        await Task.WhenAll(_functions.Values.Select(f => f.StopAllAsync()));
        await _services.Prewarmed.DisposeAsync();
        await _services.Listeners.DisposeAsync();
    }
}
