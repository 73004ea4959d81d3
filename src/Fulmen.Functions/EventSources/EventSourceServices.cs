using Fulmen.Functions.EventSources.Mappings;
using Fulmen.Functions.EventSources.Metrics;
using Fulmen.Functions.EventSources.Polling;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Functions.EventSources;

/// <summary>Registers the mapping engine: the store, the registry of source kinds, and the supervisor that runs pollers.</summary>
public static class EventSourceServices
{
    public static IServiceCollection AddEventSourceMappings(this IServiceCollection services)
    {
        services.AddSingleton<MappingStore>();
        services.AddSingleton<MappingStatistics>();
        services.AddSingleton<MappingMetrics>();
        services.AddSingleton<EventSourceRegistry>();
        services.AddSingleton<IMappingTarget, InvokerMappingTarget>();
        services.AddSingleton<MappingSupervisor>();
        services.AddHostedService(provider => provider.GetRequiredService<MappingSupervisor>());
        return services;
    }

    /// <summary>For a service that can be a mapping's source: how to open and check its resources.</summary>
    public static IServiceCollection AddEventSourceKind(this IServiceCollection services, EventSourceKind kind) =>
        services.AddSingleton(kind);
}
