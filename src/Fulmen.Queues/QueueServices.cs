using Fulmen.Functions.Async.Destinations;
using Fulmen.Protocols.Arns;
using Fulmen.Protocols.Edge;
using Fulmen.Queues.Destinations;
using Fulmen.Queues.EventSources;
using Fulmen.Queues.Api;
using Fulmen.Queues.Messages;
using Fulmen.Queues.Model;
using Fulmen.Queues.MoveTasks;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Queues;

/// <summary>Registration of the SQS-compatible queues: the API on the edge port, queues as documents, messages in the queue store.</summary>
public static class QueueServices
{
    public static IServiceCollection AddQueues(this IServiceCollection services)
    {
        services.AddSingleton<QueueCatalog>();
        services.AddSingleton<QueueMessages>();
        services.AddSingleton<MessageMoveTasks>();
        services.AddHostedService(provider => provider.GetRequiredService<MessageMoveTasks>());
        services.AddSingleton<SqsDestination>();
        services.AddSingleton<IDestination>(provider => provider.GetRequiredService<SqsDestination>());
        services.AddSingleton<IDeadLetterQueue>(provider => provider.GetRequiredService<SqsDestination>());
        // Event source mappings read queues through the same message core.
        services.AddSingleton(provider => SqsEventSource.Kind(provider.GetRequiredService<QueueCatalog>(), provider.GetRequiredService<QueueMessages>(),
            provider.GetRequiredService<AwsAccount>()));
        services.AddAwsService<SqsApi>(SqsApi.Descriptor);
        return services;
    }

    /// <summary>Loads stored queues into memory; before requests arrive.</summary>
    public static void LoadQueues(this IServiceProvider services) =>
        services.GetRequiredService<QueueCatalog>().LoadAsync().GetAwaiter().GetResult();
}
