using System.Collections.Concurrent;

namespace Fulmen.Functions.EventSources.Metrics;

/// <summary>The counters of every mapping polled in this process, by UUID; read by the metrics and <c>/_fulmen/mappings</c>.</summary>
public sealed class MappingStatistics
{
    private readonly ConcurrentDictionary<string, MappingCounters> _counters = new(StringComparer.Ordinal);

    /// <summary>The mapping's counters, made on its first poller; the function is updated when the mapping moved.</summary>
    public MappingCounters For(string uuid, string functionName)
    {
        var counters = _counters.GetOrAdd(uuid, static (id, name) => new MappingCounters(id, name), functionName);
        counters.FunctionName = functionName;
        return counters;
    }

    /// <summary>A deleted mapping's counts go with it.</summary>
    public void Remove(string uuid) => _counters.TryRemove(uuid, out _);

    public IReadOnlyList<MappingStatus> Snapshot() =>
        [.. _counters.Values.Select(counters => counters.Snapshot()).OrderBy(status => status.UUID, StringComparer.Ordinal)];
}
