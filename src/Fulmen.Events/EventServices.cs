using Fulmen.Events.Api;
using Fulmen.Events.Delivery;
using Fulmen.Events.Destinations;
using Fulmen.Events.Model;
using Fulmen.Events.Scheduling;
using Fulmen.Functions.Async.Destinations;
using Fulmen.Protocols.Edge;
using Fulmen.Schedules.Firing;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Events;

/// <summary>Registration of the EventBridge-compatible event buses: the API on the edge port, buses and rules as documents.</summary>
public static class EventServices
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<EventCatalog>();
        services.AddSingleton<DeliveryCounters>();
        services.AddSingleton<EventDelivery>();
        services.AddSingleton<IDestination, EventBusDestination>();
        services.AddSingleton<IScheduleOwner, RuleScheduleOwner>();
        services.AddAwsService<EventsApi>(EventsApi.Descriptor);
        return services;
    }

    /// <summary>Loads stored buses and rules (and creates the default bus once); before requests arrive.</summary>
    public static void LoadEvents(this IServiceProvider services) =>
        services.GetRequiredService<EventCatalog>().LoadAsync().GetAwaiter().GetResult();
}
