using System.Buffers;
using System.Text;
using System.Text.Json;
using Fulmen.Patterns.Indexing;
using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns;

/// <summary>Many patterns matched against one event without trying each: patterns are filed under one field path
/// and its exact string values (<see cref="PatternIndexKey"/>), so an event only runs the patterns whose key value
/// it carries, plus those with no such key. Build it first, then match from any number of threads; <see cref="Add"/>
/// is not safe to call while matching.</summary>
public sealed class PatternSet<TId>
    where TId : notnull
{
    private readonly List<(TId Id, EventPattern Pattern)> _patterns = [];
    private readonly List<int> _unindexed = [];
    private readonly Dictionary<string, PathIndex> _paths = new(StringComparer.Ordinal);

    public int Count => _patterns.Count;

    public void Add(TId id, EventPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var index = _patterns.Count;
        _patterns.Add((id, pattern));
        if (PatternIndexKey.Find(pattern.Root) is not { } key)
        {
            _unindexed.Add(index);
            return;
        }
        if (!_paths.TryGetValue(key.PathKey, out var path))
        {
            _paths.Add(key.PathKey, path = new PathIndex(key.Path));
        }
        foreach (var value in key.Values.Distinct(StringComparer.Ordinal))
        {
            path.Add(value, index);
        }
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
        if (@event.ValueKind != JsonValueKind.Object || _patterns.Count == 0)
        {
            return;
        }
        var tried = ArrayPool<bool>.Shared.Rent(_patterns.Count);
        var matched = ArrayPool<bool>.Shared.Rent(_patterns.Count);
        Array.Clear(tried, 0, _patterns.Count);
        Array.Clear(matched, 0, _patterns.Count);
        try
        {
            foreach (var i in _unindexed)
            {
                matched[i] = _patterns[i].Pattern.Matches(@event);
            }
            foreach (var path in _paths.Values)
            {
                path.Visit(@event, 0, candidate =>
                {
                    if (!tried[candidate])
                    {
                        tried[candidate] = true;
                        matched[candidate] = _patterns[candidate].Pattern.Matches(@event);
                    }
                });
            }
            for (var i = 0; i < _patterns.Count; i++)
            {
                if (matched[i])
                {
                    ids.Add(_patterns[i].Id);
                }
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(tried);
            ArrayPool<bool>.Shared.Return(matched);
        }
    }

    /// <summary>The patterns filed under one path, by the exact value they require there.</summary>
    private sealed class PathIndex(string[] path)
    {
        private readonly byte[][] _names = [.. path.Select(Encoding.UTF8.GetBytes)];
        private readonly Dictionary<string, List<int>> _byValue = new(StringComparer.Ordinal);

        public void Add(string value, int pattern)
        {
            if (!_byValue.TryGetValue(value, out var list))
            {
                _byValue.Add(value, list = []);
            }
            list.Add(pattern);
        }

        public void Visit(in JsonElement value, int depth, Action<int> candidate)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Array:
                    foreach (var item in value.EnumerateArray())
                    {
                        Visit(item, depth, candidate);
                    }
                    return;
                case JsonValueKind.Object when depth < _names.Length:
                    if (value.TryGetProperty(_names[depth], out var next))
                    {
                        Visit(next, depth + 1, candidate);
                    }
                    return;
                case JsonValueKind.String when depth == _names.Length:
                    Lookup(value, candidate);
                    return;
            }
        }

        private void Lookup(in JsonElement value, Action<int> candidate)
        {
            var utf8 = EventText.Utf8(value);
            char[]? rented = null;
            var max = Encoding.UTF8.GetMaxCharCount(utf8.Length);
            var buffer = max <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(max));
            var chars = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
            if (_byValue.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var patterns))
            {
                foreach (var p in patterns)
                {
                    candidate(p);
                }
            }
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
