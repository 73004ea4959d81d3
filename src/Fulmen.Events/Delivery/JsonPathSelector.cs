using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fulmen.Events.Delivery;

/// <summary>
/// The JSON path subset EventBridge evaluates in InputPath and InputPathsMap: <c>$</c>, dot notation (names with
/// dashes, underscores, slashes), array indices (<c>[0]</c>) and the wildcard <c>*</c>, which yields an array.
/// </summary>
public sealed class JsonPathSelector
{
    private readonly string[] _segments;

    private JsonPathSelector(string path, string[] segments)
    {
        Path = path;
        _segments = segments;
    }

    public string Path { get; }

    /// <summary>Parses a path; false for anything but <c>$</c> followed by <c>.name</c>, <c>[n]</c> or <c>.*</c> steps.</summary>
    public static bool TryParse(string path, out JsonPathSelector selector)
    {
        selector = null!;
        if (!path.StartsWith('$'))
        {
            return false;
        }
        var segments = new List<string>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not '.' and not '[')
                {
                    end++;
                }
                if (end == i + 1)
                {
                    return false;
                }
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0)
                {
                    return false;
                }
                var inside = path[(i + 1)..close].Trim('\'', '"');
                segments.Add(int.TryParse(inside, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{inside}]" : inside);
                i = close + 1;
            }
            else
            {
                return false;
            }
        }
        selector = new JsonPathSelector(path, [.. segments]);
        return true;
    }

    /// <summary>The selected value, or null when the path leads nowhere.</summary>
    public JsonNode? Select(JsonElement root, out bool found)
    {
        var current = new List<JsonElement> { root };
        var wildcard = false;
        foreach (var segment in _segments)
        {
            var next = new List<JsonElement>();
            foreach (var element in current)
            {
                Step(element, segment, next, ref wildcard);
            }
            current = next;
        }
        found = current.Count > 0;
        if (wildcard)
        {
            return new JsonArray([.. current.Select(e => JsonNode.Parse(e.GetRawText()))]);
        }
        return found ? JsonNode.Parse(current[0].GetRawText()) : null;
    }

    private static void Step(JsonElement element, string segment, List<JsonElement> next, ref bool wildcard)
    {
        if (segment == "*")
        {
            wildcard = true;
            if (element.ValueKind == JsonValueKind.Object)
            {
                next.AddRange(element.EnumerateObject().Select(p => p.Value));
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                next.AddRange(element.EnumerateArray());
            }
            return;
        }
        if (segment.StartsWith('[') && element.ValueKind == JsonValueKind.Array)
        {
            var index = int.Parse(segment.AsSpan(1, segment.Length - 2), CultureInfo.InvariantCulture);
            if (index < element.GetArrayLength())
            {
                next.Add(element[index]);
            }
            return;
        }
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(segment, out var value))
        {
            next.Add(value);
        }
    }
}
