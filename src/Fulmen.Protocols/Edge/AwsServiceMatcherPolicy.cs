using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Fulmen.Protocols.Edge;

/// <summary>
/// Keeps only the routes of the service the edge resolved: a signed S3 request for bucket <c>2015-03-31</c> never
/// matches Lambda's <c>/2015-03-31/…</c> routes. Routes without <see cref="AwsOperation"/> (health, metrics) stay.
/// </summary>
internal sealed class AwsServiceMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<AwsOperation>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var service = EdgeTarget.Of(httpContext)?.Service;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i)
                && candidates[i].Endpoint.Metadata.GetMetadata<AwsOperation>() is { } operation
                && operation.Service != service)
            {
                candidates.SetValidity(i, false);
            }
        }
        return Task.CompletedTask;
    }
}
