using System.Buffers;
using System.Text;
using System.Text.Json;
using Fulmen.Patterns.Matching;

namespace Fulmen.Patterns.Indexing;

/// <summary>The patterns filed under one field path, by the exact value they require there. Visiting an event marks
/// the patterns whose value it carries at the path (through arrays, as matching does).</summary>
internal sealed class PathIndex(string[] path)
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

    public void Visit(in JsonElement value, int depth, bool[] candidates)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    Visit(item, depth, candidates);
                }
                return;
            case JsonValueKind.Object when depth < _names.Length:
                if (value.TryGetProperty(_names[depth], out var next))
                {
                    Visit(next, depth + 1, candidates);
                }
                return;
            case JsonValueKind.String when depth == _names.Length:
                Mark(value, candidates);
                return;
        }
    }

    private void Mark(in JsonElement value, bool[] candidates)
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
                candidates[p] = true;
            }
        }
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
