using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Edge;

/// <summary>
/// What the edge resolver decided a request is for: the service, and the operation when the resolver could tell
/// it (JSON targets, query actions, declared REST routes). Kept on the request's features for everything after it.
/// </summary>
public sealed record EdgeTarget(AwsService Service, string? Operation)
{
    public static EdgeTarget? Of(HttpContext context) => context.Features.Get<EdgeTarget>();
}
