using Fulmen.Protocols.Edge;
using Fulmen.Scheduler.Api;
using Fulmen.Scheduler.Firing;
using Fulmen.Scheduler.Model;
using Fulmen.Schedules.Firing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fulmen.Scheduler;

/// <summary>Registration of the EventBridge Scheduler API (routes: <see cref="SchedulerRoutes.MapSchedulerApi"/>) and its schedules' owner.</summary>
public static class SchedulerServices
{
    public static IServiceCollection AddScheduler(this IServiceCollection services)
    {
        // Dates the API stamps and checks are on the schedules' clock (a test's manual clock too); the engine's own
        // registration, when present, is the one resolved.
        services.TryAddSingleton(new ScheduleClock(TimeProvider.System));
        services.AddSingleton<ScheduleCatalog>();
        services.AddSingleton<IScheduleOwner, SchedulerOwner>();
        services.AddAwsService(SchedulerApi.Descriptor);
        return services;
    }

    /// <summary>Loads stored groups and schedules (and creates the default group once); before requests arrive.</summary>
    public static void LoadScheduler(this IServiceProvider services) =>
        services.GetRequiredService<ScheduleCatalog>().LoadAsync().GetAwaiter().GetResult();
}
