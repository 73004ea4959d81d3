using Fulmen.Functions.Async.Destinations;
using Fulmen.Protocols.Edge;
using Fulmen.Topics.Api;
using Fulmen.Topics.Delivery;
using Fulmen.Topics.Destinations;
using Fulmen.Topics.Model;
using Fulmen.Topics.Publishing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Topics;

/// <summary>Registration of the SNS-compatible topics: the API on the edge port, topics and subscriptions as documents, deliveries in the queue store.</summary>
public static class TopicServices
{
    public static IServiceCollection AddTopics(this IServiceCollection services, TopicOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<TopicArns>();
        services.AddSingleton<TopicCatalog>();
        services.AddSingleton<MessageSigner>();
        services.AddSingleton<NotificationJson>();
        services.AddSingleton<DeliveryQueue>();
        services.AddSingleton<LambdaEndpoint>();
        services.AddSingleton<QueueEndpoint>();
        services.AddSingleton<HttpEndpoint>();
        services.AddSingleton<Deliverer>();
        services.AddHostedService<DeliveryWorker>();
        services.AddSingleton<SubscriptionConfirmations>();
        services.AddSingleton<TopicPublisher>();
        services.AddSingleton<ITopicPublisher>(provider => provider.GetRequiredService<TopicPublisher>());
        services.AddSingleton<TopicDestination>();
        services.AddSingleton<IDestination>(provider => provider.GetRequiredService<TopicDestination>());
        services.AddSingleton<IDeadLetterQueue>(provider => provider.GetRequiredService<TopicDestination>());
        services.AddAwsService<SnsApi>(SnsApi.Descriptor);
        return services;
    }

    /// <summary>Loads stored topics and subscriptions into memory; before requests arrive.</summary>
    public static void LoadTopics(this IServiceProvider services) =>
        services.GetRequiredService<TopicCatalog>().LoadAsync().GetAwaiter().GetResult();

    /// <summary>The certificate that verifies what topics sign, where <c>SigningCertURL</c> points.</summary>
    public static void MapTopics(this IEndpointRouteBuilder app) =>
        app.MapGet(MessageSigner.CertificatePath, (MessageSigner signer) => Results.Text(signer.CertificatePem, "application/x-pem-file"));
}
