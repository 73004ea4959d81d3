using Fulmen.LoadBalancing.Elbv2;
using Fulmen.LoadBalancing.Listeners;
using Fulmen.LoadBalancing.Model;
using Fulmen.Protocols.Edge;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddAwsService<ElbApi>(ElbApi.Descriptor);
        return services;
    }

    /// <summary>Loads stored load balancers and opens their listeners; after functions are loaded, before requests arrive.</summary>
    public static void StartLoadBalancers(this IServiceProvider services)
    {
        var state = services.GetRequiredService<LoadBalancingState>();
        state.LoadAsync().GetAwaiter().GetResult();
        services.GetRequiredService<ListenerManager>().StartStoredAsync(state.Listeners).GetAwaiter().GetResult();
    }
}
