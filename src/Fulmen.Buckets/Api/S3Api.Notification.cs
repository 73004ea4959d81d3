using Fulmen.Buckets.Notifications.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Buckets.Api;

public sealed partial class S3Api
{
    // The notifier lives in Notifications/ and is registered on its own (AddBucketNotifications); without it S3's 501.
    private async Task PutBucketNotificationAsync(S3Request r) =>
        await NotificationApi(r).PutAsync(r, await BucketAsync(r));

    private async Task GetBucketNotificationAsync(S3Request r) =>
        await NotificationApi(r).GetAsync(r, await BucketAsync(r));

    private static NotificationConfigurationApi NotificationApi(S3Request r) =>
        r.Context.RequestServices.GetService<NotificationConfigurationApi>() ?? throw S3Errors.NotImplemented("notification");
}
