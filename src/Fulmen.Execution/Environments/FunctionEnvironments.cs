using System.Collections.Concurrent;

namespace Fulmen.Execution.Environments;

/// <summary>
/// The environments of one function version: warm ones waiting for work (most recently used first, so the
/// hottest stay warm and the rest can expire) and a count of all that are alive.
/// </summary>
internal sealed class FunctionEnvironments(EnvironmentServices services)
{
    private readonly ConcurrentStack<ExecutionEnvironment> _idle = new();
    private readonly ConcurrentDictionary<string, ExecutionEnvironment> _all = new(StringComparer.Ordinal);

    public async Task<InvocationOutcome> InvokeAsync(EnvironmentSpec spec, Invocation invocation, CancellationToken cancellationToken)
    {
        var environment = TakeWarm(spec) ?? await StartAsync(spec, cancellationToken);
        InvocationOutcome outcome;
        try
        {
            outcome = await environment.InvokeAsync(invocation);
        }
        catch
        {
            RetireInBackground(environment);
            throw;
        }
        if (environment.IsReusable)
        {
            _idle.Push(environment);
        }
        else
        {
            // The caller gets its answer now; tearing down (its processes are already killed) finishes behind it.
            RetireInBackground(environment);
        }
        return outcome;
    }

    /// <summary>Stops environments idle since before <paramref name="idleSince"/>, and any left over from an older revision.</summary>
    public async Task StopIdleAsync(long idleSince, string? currentRevision)
    {
        var keep = new List<ExecutionEnvironment>();
        var stop = new List<ExecutionEnvironment>();
        while (_idle.TryPop(out var environment))
        {
            var stale = environment.LastUsed < idleSince || !environment.IsReusable
                || (currentRevision is not null && environment.Spec.RevisionId != currentRevision);
            (stale ? stop : keep).Add(environment);
        }
        // Push back oldest first so the most recently used stays on top.
        for (var i = keep.Count - 1; i >= 0; i--)
        {
            _idle.Push(keep[i]);
        }
        foreach (var environment in stop)
        {
            await RetireAsync(environment);
        }
    }

    public async Task StopAllAsync()
    {
        _idle.Clear();
        await Task.WhenAll(_all.Values.Select(e => RetireAsync(e).AsTask()));
    }

    private ExecutionEnvironment? TakeWarm(EnvironmentSpec spec)
    {
        while (_idle.TryPop(out var environment))
        {
            if (environment.IsReusable && environment.Spec.RevisionId == spec.RevisionId)
            {
                return environment;
            }
            RetireInBackground(environment);
        }
        return null;
    }

    private async Task<ExecutionEnvironment> StartAsync(EnvironmentSpec spec, CancellationToken cancellationToken)
    {
        var environment = await ExecutionEnvironment.StartAsync(spec, services, cancellationToken);
        _all[environment.Id] = environment;
        return environment;
    }

    private void RetireInBackground(ExecutionEnvironment environment) =>
        _ = RetireAsync(environment).AsTask().ContinueWith(static t => t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    private ValueTask RetireAsync(ExecutionEnvironment environment)
    {
        _all.TryRemove(environment.Id, out _);
        return environment.DisposeAsync();
    }
}
