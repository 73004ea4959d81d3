using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Fulmen.LoadBalancing.QueryProtocol;

/// <summary>Marks the <c>POST /</c> endpoint that serves query-protocol services.</summary>
public sealed class QueryProtocolEndpointMetadata;

/// <summary>
/// Lets the query-protocol endpoint match only form posts signed for a known service, so other handlers of
/// <c>POST /</c> (and the 404 of unknown requests) keep working.
/// </summary>
internal sealed class QueryProtocolMatcherPolicy(QueryProtocolDispatcher dispatcher) : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<QueryProtocolEndpointMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i)
                && candidates[i].Endpoint.Metadata.GetMetadata<QueryProtocolEndpointMetadata>() is not null
                && dispatcher.Find(httpContext.Request) is null)
            {
                candidates.SetValidity(i, false);
            }
        }
        return Task.CompletedTask;
    }
}
