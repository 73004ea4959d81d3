using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Fulmen.Protocols.Edge;

/// <summary>
/// Routes of a REST service mapped in one group: each route named in <c>operations</c> (keyed
/// <c>"METHOD /pattern"</c>, the pattern as mapped) carries <see cref="AwsOperation"/>. A table beside the routes
/// rather than a call on each keeps the services' route lists as they are; a route missing from it stays unnamed
/// and unfiltered (as Fulmen's own routes are).
/// </summary>
public static class AwsRouteGroups
{
    public static RouteGroupBuilder MapAwsService(this IEndpointRouteBuilder endpoints, AwsService service, IReadOnlyDictionary<string, string> operations, string prefix = "")
    {
        var group = endpoints.MapGroup(prefix);
        var named = operations.ToDictionary(p => p.Key, p => new AwsOperation(service, p.Value), StringComparer.Ordinal);
        ((IEndpointConventionBuilder)group).Finally(builder =>
        {
            if (builder is RouteEndpointBuilder route && builder.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault() is { HttpMethods: [var method] }
                && named.TryGetValue($"{method} {PathOf(route.RoutePattern)}", out var operation))
            {
                builder.Metadata.Add(operation);
            }
        });
        return group;
    }

    /// <summary>The pattern as written (<c>/v2/apis/{apiId}</c>), rebuilt from its segments so a group's prefix joins it exactly.</summary>
    private static string PathOf(RoutePattern pattern) => "/" + string.Join('/', pattern.PathSegments.Select(segment =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { IsCatchAll: true } catchAll => $"{{{(catchAll.EncodeSlashes ? "*" : "**")}{catchAll.Name}}}",
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));
}
