using Fulmen.Buckets.Notifications.Api;
using Fulmen.Buckets.Notifications.Configuration;
using Fulmen.Buckets.Notifications.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Buckets.Notifications;

/// <summary>Registration of bucket notifications; call before <c>AddBuckets</c>, whose no-op seam this replaces.</summary>
public static class NotificationServices
{
    public static IServiceCollection AddBucketNotifications(this IServiceCollection services, BucketNotificationOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<S3EventJson>();
        services.AddSingleton<NotificationTargets>();
        services.AddSingleton<NotificationConfigurationApi>();
        services.AddSingleton<ChangeDelivery>();
        services.AddSingleton<BucketNotifier>();
        services.AddSingleton<IObjectChanges>(sp => sp.GetRequiredService<BucketNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<BucketNotifier>());
        return services;
    }

    /// <summary>Loads stored configurations before requests arrive (every committed change asks about its bucket's).</summary>
    public static void LoadBucketNotifications(this IServiceProvider services) =>
        services.GetRequiredService<NotificationStore>().LoadAsync().GetAwaiter().GetResult();
}
