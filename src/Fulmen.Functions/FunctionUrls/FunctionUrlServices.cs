using Fulmen.Protocols;
using Fulmen.Protocols.Edge;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Functions.FunctionUrls;

/// <summary>Registration of function URLs: the services, and the front the edge hands their requests to.</summary>
public static class FunctionUrlServices
{
    /// <summary>Function URLs on the edge: by host <c>{id}.lambda-url.…</c> (32-character id) or the path form.</summary>
    public static readonly AwsService Service = new("lambda-url", "lambda", AwsProtocol.RestJson)
    {
        Hosts = [new AwsHostPattern(".lambda-url.", 32)],
        FrontPathPrefixes = [FunctionUrlAddress.PathPrefix],
        ResolvedByScope = false,
    };

    /// <summary>AWS_IAM URLs check signatures with the server's one <c>SigV4Verifier</c> (registered by the host).</summary>
    public static IServiceCollection AddFunctionUrls(this IServiceCollection services)
    {
        services.AddSingleton(new FunctionUrlOptions());
        services.AddSingleton<FunctionUrlIndex>();
        services.AddSingleton<FunctionUrlAddress>();
        services.AddAwsService<FunctionUrlFront>(Service);
        return services;
    }

    /// <summary>Loads every stored URL into the index; after the catalog is loaded, before requests arrive.</summary>
    public static void LoadFunctionUrls(this IServiceProvider services) =>
        services.GetRequiredService<FunctionUrlIndex>().Load();
}
