namespace Fulmen.ApiGateway.HttpApis;

/// <summary>What a path segment of a route is: literal text, a <c>{name}</c> variable, or the greedy <c>{name+}</c>.</summary>
public enum SegmentKind
{
    Static = 0,
    Variable = 1,
    Greedy = 2,
}

public readonly record struct RouteSegment(SegmentKind Kind, string Text);

/// <summary>
/// A route key as API Gateway writes it: <c>$default</c>, or <c>METHOD /path</c> where METHOD is an HTTP method or
/// <c>ANY</c> and the path may hold <c>{name}</c> variables and one greedy <c>{name+}</c> as its last segment.
/// </summary>
public sealed record RouteKey(string Method, IReadOnlyList<RouteSegment> Segments, string Path)
{
    public const string Default = "$default";

    private static readonly string[] Methods = ["ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public bool IsDefault => Method.Length == 0;

    public static RouteKey? Parse(string key)
    {
        if (key == Default)
        {
            return new RouteKey("", [], Default);
        }
        // A control character can be in no request's path; stored, it would only make the route unmatchable and odd to list.
        if (key.Any(char.IsControl))
        {
            return null;
        }
        var space = key.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !Methods.Contains(key[..space], StringComparer.Ordinal))
        {
            return null;
        }
        var path = key[(space + 1)..];
        if (!path.StartsWith('/') || path.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }
        var segments = new List<RouteSegment>();
        var parts = path == "/" ? [] : path[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.StartsWith('{') && part.EndsWith('}') && part.Length > 2)
            {
                var name = part[1..^1];
                var greedy = name.EndsWith('+');
                if (greedy && i != parts.Length - 1)
                {
                    return null;
                }
                segments.Add(new RouteSegment(greedy ? SegmentKind.Greedy : SegmentKind.Variable, greedy ? name[..^1] : name));
            }
            else if (part.Length == 0 || part.Contains('{', StringComparison.Ordinal) || part.Contains('}', StringComparison.Ordinal))
            {
                return null;
            }
            else
            {
                segments.Add(new RouteSegment(SegmentKind.Static, part));
            }
        }
        return new RouteKey(key[..space], segments, path);
    }
}
