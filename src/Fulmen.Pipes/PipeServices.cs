using Fulmen.Pipes.Api;
using Fulmen.Pipes.Model;
using Fulmen.Pipes.Running;
using Fulmen.Protocols.Edge;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Pipes;

/// <summary>Registration of EventBridge Pipes: the API on the edge port, pipes as documents, the supervisor that runs them.</summary>
public static class PipeServices
{
    public static IServiceCollection AddPipes(this IServiceCollection services)
    {
        services.AddSingleton<PipeStore>();
        services.AddSingleton<PipeTargets>();
        services.AddSingleton<PipesApi>();
        services.AddSingleton<PipeSupervisor>();
        services.AddHostedService(provider => provider.GetRequiredService<PipeSupervisor>());
        services.AddAwsService(PipesApi.Service);
        return services;
    }

    public static IEndpointRouteBuilder MapPipes(this IEndpointRouteBuilder app)
    {
        PipesApi.Map(app);
        return app;
    }

    /// <summary>Loads stored pipes (the supervisor then runs the RUNNING ones); before requests arrive.</summary>
    public static void LoadPipes(this IServiceProvider services) =>
        services.GetRequiredService<PipeStore>().LoadAsync().GetAwaiter().GetResult();
}
