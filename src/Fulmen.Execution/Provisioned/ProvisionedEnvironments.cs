using System.Collections.Concurrent;
using System.Collections.Frozen;
using Fulmen.Execution.Environments;

namespace Fulmen.Execution.Provisioned;

/// <summary>
/// Every provisioned concurrency config of this server: per function version or alias, one <see cref="ProvisionedPool"/>
/// per version it runs (two for an alias with weighted routing). Invokes look up the pools that run the version they
/// execute in a frozen map that is replaced, never changed, so the invoke path takes no lock and, with no config at
/// all, costs one read.
/// </summary>
public sealed class ProvisionedEnvironments
{
    private readonly EnvironmentServices _services;
    private readonly ConcurrentDictionary<(string Function, string Qualifier), ProvisionedPool[]> _configs = new();
    private readonly Lock _changes = new();
    private volatile FrozenDictionary<(string Function, string Version), ProvisionedPool[]> _serving =
        FrozenDictionary<(string, string), ProvisionedPool[]>.Empty;

    internal ProvisionedEnvironments(EnvironmentServices services) => _services = services;

    /// <summary>
    /// Keeps environments initialised for the function's <paramref name="qualifier"/>: <paramref name="parts"/> says
    /// how many of which version (one part, or two for a weighted alias). A part whose version is already provisioned
    /// for the qualifier keeps its ready environments and only changes count; the others start anew, and versions no
    /// longer named stop. The same request again (same counts and <paramref name="generation"/>) changes nothing.
    /// </summary>
    public void Provision(string qualifier, IReadOnlyList<(EnvironmentSpec Spec, int Count)> parts, long generation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts.Sum(part => part.Count), 1);
        var functionName = parts[0].Spec.FunctionName;
        var resize = new List<(ProvisionedPool Pool, int Count)>();
        List<ProvisionedPool> replaced;
        lock (_changes)
        {
            var existing = _configs.GetValueOrDefault((functionName, qualifier)) ?? [];
            var pools = new List<ProvisionedPool>();
            foreach (var (spec, count) in parts.Where(part => part.Count > 0))
            {
                var pool = existing.FirstOrDefault(p => p.Spec.Version == spec.Version && p.Spec.RevisionId == spec.RevisionId)
                    ?? new ProvisionedPool(qualifier, spec, _services);
                pools.Add(pool);
                resize.Add((pool, count));
            }
            replaced = [.. existing.Except(pools)];
            if (replaced.Count > 0 || pools.Count != existing.Length)
            {
                _configs[(functionName, qualifier)] = [.. pools];
                Rebuild();
            }
        }
        foreach (var (pool, count) in resize)
        {
            pool.Resize(count, generation);
        }
        foreach (var pool in replaced)
        {
            _ = pool.StopAsync(busyToo: false);
        }
    }

    /// <summary>The config's status over all its versions, or null when the qualifier has no provisioned environments.</summary>
    public ProvisionedStatus? Status(string functionName, string qualifier)
    {
        if (!_configs.TryGetValue((functionName, qualifier), out var pools))
        {
            return null;
        }
        var parts = pools.Select(pool => pool.Status).ToList();
        var failed = parts.FirstOrDefault(part => part.State == ProvisionedState.Failed);
        var state = failed.State == ProvisionedState.Failed ? ProvisionedState.Failed
            : parts.All(part => part.State == ProvisionedState.Ready) ? ProvisionedState.Ready
            : ProvisionedState.InProgress;
        return new ProvisionedStatus(parts.Sum(part => part.Requested), parts.Sum(part => part.Allocated),
            parts.Sum(part => part.Available), state, failed.Reason);
    }

    /// <summary>The versions and aliases of the function that have provisioned environments.</summary>
    public IReadOnlyList<string> QualifiersOf(string functionName) =>
        [.. _configs.Keys.Where(key => key.Function == functionName).Select(key => key.Qualifier)];

    /// <summary>Stops the provisioned environments of one version or alias (busy ones when their invocation ends).</summary>
    public Task StopAsync(string functionName, string qualifier)
    {
        ProvisionedPool[]? pools;
        lock (_changes)
        {
            if (!_configs.TryRemove((functionName, qualifier), out pools))
            {
                return Task.CompletedTask;
            }
            Rebuild();
        }
        return Task.WhenAll(pools.Select(pool => pool.StopAsync(busyToo: false)));
    }

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
            pools = [.. _configs.Values.SelectMany(parts => parts)];
            _configs.Clear();
            Rebuild();
        }
        await Task.WhenAll(pools.Select(pool => pool.StopAsync(busyToo: true)));
    }

    private void Rebuild() => _serving = _configs.Values
        .SelectMany(parts => parts)
        .GroupBy(pool => (pool.Spec.FunctionName, pool.Spec.Version))
        .ToFrozenDictionary(group => group.Key, group => group.ToArray());
}
