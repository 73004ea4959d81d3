using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fulmen.Schedules.Firing;

/// <summary>Registration of the schedule engine; owners register themselves as <see cref="IScheduleOwner"/>.</summary>
public static class ScheduleServices
{
    /// <param name="clock">The clock schedules run on: a <see cref="ManualClock"/> for tests, else the system clock.</param>
    public static IServiceCollection AddScheduleEngine(this IServiceCollection services, ScheduleEngineOptions options, TimeProvider? clock = null)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(new ScheduleClock(clock ?? TimeProvider.System));
        services.TryAddSingleton<ScheduleChangeSignal>();
        services.TryAddSingleton<IScheduleChanges>(sp => sp.GetRequiredService<ScheduleChangeSignal>());
        services.AddSingleton<ScheduleMetrics>();
        services.AddSingleton<ScheduleEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleEngine>());
        return services;
    }
}
