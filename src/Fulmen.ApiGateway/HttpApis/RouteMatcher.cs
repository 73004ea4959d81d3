namespace Fulmen.ApiGateway.HttpApis;

/// <summary>The route a request takes, and the path variables it binds.</summary>
public sealed record RouteMatch(HttpRoute Route, RouteKey Key, IReadOnlyDictionary<string, string> PathParameters);

/// <summary>
/// Route selection as HTTP APIs do it: the most specific path wins (segment by segment, literal text over a
/// <c>{variable}</c> over a greedy <c>{proxy+}</c>), then an exact method over <c>ANY</c>; <c>$default</c> catches
/// what nothing else matches. Variables bind URL-decoded values; a greedy variable binds the rest of the path.
/// </summary>
public static class RouteMatcher
{
    public static RouteMatch? Match(IReadOnlyList<HttpRoute> routes, string method, string path)
    {
        var segments = path is "" or "/" ? [] : path[1..].Split('/');
        RouteMatch? best = null;
        RouteMatch? fallback = null;
        foreach (var route in routes)
        {
            if (RouteKey.Parse(route.RouteKey) is not { } key)
            {
                continue;
            }
            if (key.IsDefault)
            {
                fallback = new RouteMatch(route, key, new Dictionary<string, string>());
                continue;
            }
            if ((key.Method != "ANY" && key.Method != method) || Bind(key, segments) is not { } parameters)
            {
                continue;
            }
            var candidate = new RouteMatch(route, key, parameters);
            if (best is null || Compare(candidate.Key, best.Key) < 0)
            {
                best = candidate;
            }
        }
        return best ?? fallback;
    }

    /// <summary>Negative when <paramref name="a"/> is the more specific route.</summary>
    private static int Compare(RouteKey a, RouteKey b)
    {
        for (var i = 0; i < Math.Min(a.Segments.Count, b.Segments.Count); i++)
        {
            var byKind = a.Segments[i].Kind.CompareTo(b.Segments[i].Kind);
            if (byKind != 0)
            {
                return byKind;
            }
        }
        // Equal up to the shorter: the longer one binds more literally (e.g. /a/{b}/{c+} over /a/{rest+} cannot tie here).
        var byLength = b.Segments.Count.CompareTo(a.Segments.Count);
        if (byLength != 0)
        {
            return byLength;
        }
        return (a.Method == "ANY").CompareTo(b.Method == "ANY");
    }

    private static Dictionary<string, string>? Bind(RouteKey key, string[] segments)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < key.Segments.Count; i++)
        {
            var segment = key.Segments[i];
            if (segment.Kind == SegmentKind.Greedy)
            {
                if (i >= segments.Length)
                {
                    return null;
                }
                parameters[segment.Text] = Uri.UnescapeDataString(string.Join('/', segments[i..]));
                return parameters;
            }
            if (i >= segments.Length)
            {
                return null;
            }
            var value = Uri.UnescapeDataString(segments[i]);
            if (segment.Kind == SegmentKind.Static)
            {
                if (!segment.Text.Equals(value, StringComparison.Ordinal))
                {
                    return null;
                }
            }
            else if (value.Length == 0)
            {
                return null;
            }
            else
            {
                parameters[segment.Text] = value;
            }
        }
        return key.Segments.Count == segments.Length ? parameters : null;
    }
}
