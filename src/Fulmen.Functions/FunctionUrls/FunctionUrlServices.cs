using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Functions.FunctionUrls;

/// <summary>Registration of function URLs: the services, and the front placed ahead of the Lambda API's routes.</summary>
public static class FunctionUrlServices
{
    /// <summary>AWS_IAM URLs check signatures with the server's one <c>SigV4Verifier</c> (registered by the host).</summary>
    public static IServiceCollection AddFunctionUrls(this IServiceCollection services)
    {
        services.AddSingleton(new FunctionUrlOptions());
        services.AddSingleton<FunctionUrlIndex>();
        services.AddSingleton<FunctionUrlAddress>();
        services.AddSingleton<FunctionUrlFront>();
        return services;
    }

    /// <summary>Serves function URL requests (by Host or by the <c>/_aws/lambda-url/</c> path) before anything else sees them.</summary>
    public static IApplicationBuilder UseFunctionUrls(this IApplicationBuilder app)
    {
        var front = app.ApplicationServices.GetRequiredService<FunctionUrlFront>();
        return app.Use((context, next) => front.HandleAsync(context, () => next(context)));
    }

    /// <summary>Loads every stored URL into the index; after the catalog is loaded, before requests arrive.</summary>
    public static void LoadFunctionUrls(this IServiceProvider services) =>
        services.GetRequiredService<FunctionUrlIndex>().Load();
}
