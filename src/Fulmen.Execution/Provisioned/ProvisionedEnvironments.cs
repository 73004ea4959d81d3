using System.Collections.Concurrent;
using System.Collections.Frozen;
using Fulmen.Execution.Environments;

namespace Fulmen.Execution.Provisioned;

/// <summary>
/// Every provisioned concurrency config of this server: one <see cref="ProvisionedPool"/> per function version or
/// alias. Invokes look up the pools that run the version they execute (an alias' pool runs its version) in a frozen
/// map that is replaced, never changed, so the invoke path takes no lock and, with no config at all, costs one read.
/// </summary>
public sealed class ProvisionedEnvironments
{
    private readonly EnvironmentServices _services;
    private readonly ConcurrentDictionary<(string Function, string Qualifier), ProvisionedPool> _pools = new();
    private readonly Lock _changes = new();
    private volatile FrozenDictionary<(string Function, string Version), ProvisionedPool[]> _serving =
        FrozenDictionary<(string, string), ProvisionedPool[]>.Empty;

    internal ProvisionedEnvironments(EnvironmentServices services) => _services = services;

    /// <summary>
    /// Keeps <paramref name="count"/> environments of <paramref name="spec"/> initialised for the function's
    /// <paramref name="qualifier"/>. A config whose version or revision changed (an alias moved) is provisioned anew
    /// and its old environments stopped; otherwise only the count changes and the ready environments stay. The same
    /// request again (same count and <paramref name="generation"/>) changes nothing, so callers may repeat it freely.
    /// </summary>
    public void Provision(string qualifier, EnvironmentSpec spec, int count, long generation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ProvisionedPool? replaced = null;
        ProvisionedPool pool;
        lock (_changes)
        {
            var key = (spec.FunctionName, qualifier);
            if (_pools.TryGetValue(key, out var existing) && existing.Spec.Version == spec.Version && existing.Spec.RevisionId == spec.RevisionId)
            {
                pool = existing;
            }
            else
            {
                replaced = existing;
                pool = new ProvisionedPool(qualifier, spec, _services);
                _pools[key] = pool;
                Rebuild();
            }
        }
        pool.Resize(count, generation);
        if (replaced is not null)
        {
            _ = replaced.StopAsync(busyToo: false);
        }
    }

    /// <summary>The config's status, or null when the qualifier has no provisioned environments.</summary>
    public ProvisionedStatus? Status(string functionName, string qualifier) =>
        _pools.TryGetValue((functionName, qualifier), out var pool) ? pool.Status : null;

    /// <summary>The versions and aliases of the function that have provisioned environments.</summary>
    public IReadOnlyList<string> QualifiersOf(string functionName) =>
        [.. _pools.Keys.Where(key => key.Function == functionName).Select(key => key.Qualifier)];

    /// <summary>Stops the provisioned environments of one version or alias (busy ones when their invocation ends).</summary>
    public Task StopAsync(string functionName, string qualifier)
    {
        ProvisionedPool? pool;
        lock (_changes)
        {
            if (!_pools.TryRemove((functionName, qualifier), out pool))
            {
                return Task.CompletedTask;
            }
            Rebuild();
        }
        return pool.StopAsync(busyToo: false);
    }

    /// <summary>Stops every provisioned environment of a function, e.g. when it is deleted.</summary>
    public Task StopFunctionAsync(string functionName) =>
        Task.WhenAll(_pools.Keys.Where(key => key.Function == functionName).Select(key => StopAsync(key.Function, key.Qualifier)));

    /// <summary>
    /// An idle provisioned environment for <paramref name="spec"/> and the pool it belongs to, or null: every
    /// provisioned one is busy, or the version has none.
    /// </summary>
    internal ProvisionedPool? TryTake(EnvironmentSpec spec, out ExecutionEnvironment? environment)
    {
        var serving = _serving;
        if (serving.Count != 0 && serving.TryGetValue((spec.FunctionName, spec.Version), out var pools))
        {
            foreach (var pool in pools)
            {
                if (pool.Spec.RevisionId == spec.RevisionId && pool.TryTake(out environment))
                {
                    return pool;
                }
            }
        }
        environment = null;
        return null;
    }

    internal async Task StopAllAsync()
    {
        List<ProvisionedPool> pools;
        lock (_changes)
        {
            pools = [.. _pools.Values];
            _pools.Clear();
            Rebuild();
        }
        await Task.WhenAll(pools.Select(pool => pool.StopAsync(busyToo: true)));
    }

    private void Rebuild() => _serving = _pools.Values
        .GroupBy(pool => (pool.Spec.FunctionName, pool.Spec.Version))
        .ToFrozenDictionary(group => group.Key, group => group.ToArray());
}
