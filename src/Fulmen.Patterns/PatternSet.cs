using System.Buffers;
using System.Text.Json;
using Fulmen.Patterns.Indexing;

namespace Fulmen.Patterns;

/// <summary>Many patterns matched against one event without trying each. Every pattern is filed under its rarest
/// required exact value (<see cref="PatternIndexKey"/>; "rarest" across the whole set, so a <c>source</c> all rules
/// share is passed over for their <c>detail-type</c>); an event runs only the patterns whose value it carries, plus
/// those with no such value. Build it, then match from any number of threads; <see cref="Add"/> must not run
/// concurrently with matching.</summary>
public sealed class PatternSet<TId>
    where TId : notnull
{
    private readonly List<(TId Id, EventPattern Pattern, List<PatternIndexKey> Keys)> _patterns = [];
    private readonly Lock _buildLock = new();
    private volatile Index? _index;

    public int Count => _patterns.Count;

    public void Add(TId id, EventPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _patterns.Add((id, pattern, PatternIndexKey.FindAll(pattern.Root)));
        _index = null;
    }

    /// <summary>The ids of the patterns the event matches, each once, in the order they were added.</summary>
    public IEnumerable<TId> Matching(JsonElement @event)
    {
        var result = new List<TId>();
        MatchInto(@event, result);
        return result;
    }

    /// <summary>Adds the ids of the matching patterns to <paramref name="ids"/>, in the order they were added.</summary>
    public void MatchInto(JsonElement @event, ICollection<TId> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var count = _patterns.Count;
        if (@event.ValueKind != JsonValueKind.Object || count == 0)
        {
            return;
        }
        var index = _index ?? Build();
        var candidates = ArrayPool<bool>.Shared.Rent(count);
        try
        {
            Array.Clear(candidates, 0, count);
            foreach (var i in index.Unindexed)
            {
                candidates[i] = true;
            }
            foreach (var path in index.Paths)
            {
                path.Visit(@event, 0, candidates);
            }
            for (var i = 0; i < count; i++)
            {
                if (candidates[i] && _patterns[i].Pattern.Matches(@event))
                {
                    ids.Add(_patterns[i].Id);
                }
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(candidates);
        }
    }

    // Filing needs the whole set (how many patterns share each value), so it happens once after the last Add.
    private Index Build()
    {
        lock (_buildLock)
        {
            if (_index is { } built)
            {
                return built;
            }
            var frequency = new Dictionary<(string, string), int>();
            foreach (var key in _patterns.SelectMany(p => p.Keys))
            {
                foreach (var value in key.Values)
                {
                    frequency[(key.PathKey, value)] = frequency.GetValueOrDefault((key.PathKey, value)) + 1;
                }
            }
            var paths = new Dictionary<string, PathIndex>(StringComparer.Ordinal);
            var unindexed = new List<int>();
            for (var i = 0; i < _patterns.Count; i++)
            {
                var keys = _patterns[i].Keys;
                if (keys.Count == 0)
                {
                    unindexed.Add(i);
                    continue;
                }
                var rarest = keys.MinBy(k => k.Values.Sum(v => frequency[(k.PathKey, v)]))!;
                if (!paths.TryGetValue(rarest.PathKey, out var path))
                {
                    paths.Add(rarest.PathKey, path = new PathIndex(rarest.Path));
                }
                foreach (var value in rarest.Values)
                {
                    path.Add(value, i);
                }
            }
            return _index = new Index([.. paths.Values], [.. unindexed]);
        }
    }

    private sealed record Index(PathIndex[] Paths, int[] Unindexed);
}
