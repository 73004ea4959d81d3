using Fulmen.LoadBalancing.Elbv2;
using Fulmen.LoadBalancing.Listeners;
using Fulmen.LoadBalancing.Model;
using Fulmen.LoadBalancing.QueryProtocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fulmen.LoadBalancing;

/// <summary>Registration of the built-in load balancer: the elbv2 query API on the edge, and listeners on their own ports.</summary>
public static class LoadBalancingServices
{
    public static IServiceCollection AddLoadBalancing(this IServiceCollection services, string bindHost)
    {
        services.AddSingleton(new LoadBalancingOptions { BindHost = bindHost });
        services.AddSingleton<LoadBalancingState>();
        services.AddSingleton<ElbArns>();
        services.AddSingleton<AlbFront>();
        services.AddSingleton<ListenerManager>();
        services.AddHostedService(sp => sp.GetRequiredService<ListenerManager>());
        services.AddSingleton<ElbApi>();
        services.AddSingleton<IQueryProtocolService>(sp => sp.GetRequiredService<ElbApi>());
        services.AddSingleton<QueryProtocolDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, QueryProtocolMatcherPolicy>());
        return services;
    }

    /// <summary><c>POST /</c> for query-protocol services; matches only form posts signed for one of them.</summary>
    public static IEndpointRouteBuilder MapQueryProtocol(this IEndpointRouteBuilder app)
    {
        var dispatcher = app.ServiceProvider.GetRequiredService<QueryProtocolDispatcher>();
        app.MapPost("/", dispatcher.HandleAsync).WithMetadata(new QueryProtocolEndpointMetadata());
        return app;
    }

    /// <summary>Loads stored load balancers and opens their listeners; after functions are loaded, before requests arrive.</summary>
    public static void StartLoadBalancers(this IServiceProvider services)
    {
        var state = services.GetRequiredService<LoadBalancingState>();
        state.LoadAsync().GetAwaiter().GetResult();
        services.GetRequiredService<ListenerManager>().StartStoredAsync(state.Listeners).GetAwaiter().GetResult();
    }
}
