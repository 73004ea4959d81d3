using Fulmen.Events.Api;
using Fulmen.Events.Archives;
using Fulmen.Events.Delivery;
using Fulmen.Events.Delivery.Sending;
using Fulmen.Events.Destinations;
using Fulmen.Events.Model;
using Fulmen.Events.Scheduling;
using Fulmen.Functions.Async.Destinations;
using Fulmen.Protocols.Edge;
using Fulmen.Schedules.Firing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fulmen.Events;

/// <summary>Registration of the EventBridge-compatible event buses: the API on the edge port, buses and rules as documents.</summary>
public static class EventServices
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<EventCatalog>();
        services.AddSingleton<DeliveryCounters>();
        services.AddSingleton<EventMetrics>();
        services.AddSingleton<EventsOverview>();
        services.AddTargetSender();
        services.AddSingleton<EventDelivery>();
        services.AddSingleton<ArchiveCatalog>();
        services.AddSingleton<ArchivedEvents>();
        services.AddSingleton<ArchiveMaintenance>();
        services.AddHostedService(provider => provider.GetRequiredService<ArchiveMaintenance>());
        services.AddHostedService<ReplayRunner>();
        services.AddSingleton<IDestination, EventBusDestination>();
        services.AddSingleton<IScheduleOwner, RuleScheduleOwner>();
        services.AddAwsService<EventsApi>(EventsApi.Descriptor);
        return services;
    }

    /// <summary>
    /// What sends to targets under a retry policy, for rules and for whoever else sends as a service (schedules, pipes):
    /// <see cref="ITargetSender"/>, its durable retry queue and the worker that retries.
    /// </summary>
    public static IServiceCollection AddTargetSender(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new TargetSenderOptions());
        services.TryAddSingleton<TargetAttempt>();
        services.TryAddSingleton<ITargetAttempt>(provider => provider.GetRequiredService<TargetAttempt>());
        services.TryAddSingleton<RetryQueue>();
        services.TryAddSingleton<DeadLetters>();
        services.TryAddSingleton<TargetSender>();
        services.TryAddSingleton<ITargetSender>(provider => provider.GetRequiredService<TargetSender>());
        services.AddHostedService<TargetRetryWorker>();
        return services;
    }

    /// <summary>Loads stored buses and rules (and creates the default bus once); before requests arrive.</summary>
    public static void LoadEvents(this IServiceProvider services)
    {
        services.GetRequiredService<EventCatalog>().LoadAsync().GetAwaiter().GetResult();
        services.GetRequiredService<ArchiveCatalog>().LoadAsync().GetAwaiter().GetResult();
    }
}
