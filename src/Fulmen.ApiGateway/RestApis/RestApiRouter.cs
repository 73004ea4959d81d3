namespace Fulmen.ApiGateway.RestApis;

/// <summary>What a request path matched in a deployment: the resource, its method, and the path parameters.</summary>
public sealed record RestApiMatch(ResourceShape Resource, string MethodKey, MethodShape Method, IReadOnlyDictionary<string, string> PathParameters);

/// <summary>
/// Finds the resource of a deployed tree for a request path as API Gateway does: at each level a literal path part
/// wins over a <c>{param}</c>, which wins over a greedy <c>{proxy+}</c> (which takes the rest of the path, at least
/// one segment); a dead end below a literal falls back to the variable sibling.
/// </summary>
public static class RestApiRouter
{
    public static RestApiMatch? Match(IReadOnlyList<ResourceShape> resources, string path, string httpMethod)
    {
        var root = resources.FirstOrDefault(r => r.ParentId is null);
        if (root is null)
        {
            return null;
        }
        var children = resources.Where(r => r.ParentId is not null).ToLookup(r => r.ParentId!, StringComparer.Ordinal);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Find(root, segments, 0, children, parameters) is not { } resource)
        {
            return null;
        }
        var methods = resource.ResourceMethods;
        if (methods?.GetValueOrDefault(httpMethod) is { } exact)
        {
            return new RestApiMatch(resource, httpMethod, exact, parameters);
        }
        return methods?.GetValueOrDefault("ANY") is { } any ? new RestApiMatch(resource, "ANY", any, parameters) : null;
    }

    private static ResourceShape? Find(ResourceShape node, string[] segments, int index, ILookup<string, ResourceShape> children, Dictionary<string, string> parameters)
    {
        if (index == segments.Length)
        {
            return node;
        }
        var segment = segments[index];
        var below = children[node.Id].ToList();
        if (below.Find(c => c.PathPart == segment) is { } literal && Find(literal, segments, index + 1, children, parameters) is { } found)
        {
            return found;
        }
        if (below.Find(c => IsVariable(c.PathPart) && !IsGreedy(c.PathPart)) is { } variable)
        {
            var name = variable.PathPart![1..^1];
            parameters[name] = Uri.UnescapeDataString(segment);
            if (Find(variable, segments, index + 1, children, parameters) is { } viaVariable)
            {
                return viaVariable;
            }
            parameters.Remove(name);
        }
        if (below.Find(c => IsGreedy(c.PathPart)) is { } greedy)
        {
            parameters[greedy.PathPart![1..^2]] = Uri.UnescapeDataString(string.Join('/', segments[index..]));
            return greedy;
        }
        return null;
    }

    private static bool IsVariable(string? part) => part is ['{', .., '}'];

    private static bool IsGreedy(string? part) => part is ['{', .., '+', '}'];
}
