using Fulmen.Buckets.Api;
using Fulmen.Buckets.Content;
using Fulmen.Buckets.Model;
using Fulmen.Buckets.Notifications;
using Fulmen.Protocols.Edge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fulmen.Buckets;

/// <summary>Registration of the S3-compatible object store: the API on the edge port, metadata as documents, bytes as files.</summary>
public static class BucketServices
{
    /// <param name="dataDirectory">The server's data directory; objects live under <c>buckets/</c> in it.</param>
    public static IServiceCollection AddBuckets(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(new BucketOptions { Directory = Path.Combine(dataDirectory, "buckets") });
        services.AddSingleton<ObjectFiles>();
        services.AddSingleton<BucketCatalog>();
        services.AddSingleton<ObjectIndex>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<OrphanSweep>();
        // Notifications replace this with their own (registered before AddBuckets, or with Replace).
        services.TryAddSingleton<IObjectChanges, NoObjectChanges>();
        services.AddAwsService<S3Api>(S3Api.Descriptor);
        return services;
    }

    /// <summary>Loads stored buckets into memory, then removes the files interrupted uploads left; before requests arrive.</summary>
    public static void LoadBuckets(this IServiceProvider services)
    {
        services.GetRequiredService<BucketCatalog>().LoadAsync().GetAwaiter().GetResult();
        services.GetRequiredService<OrphanSweep>().RunAsync().GetAwaiter().GetResult();
    }
}
