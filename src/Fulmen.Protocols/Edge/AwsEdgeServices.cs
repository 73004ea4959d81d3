using Fulmen.Protocols.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fulmen.Protocols.Edge;

/// <summary>How services join the edge, and where the edge sits in the pipeline.</summary>
public static class AwsEdgeServices
{
    /// <summary>Declares a service to the edge resolver (docs/protocols.md, "How a new service plugs in").</summary>
    public static IServiceCollection AddAwsService(this IServiceCollection services, AwsService service)
    {
        services.AddAwsEdge();
        if (!IsDeclared(services, service))
        {
            services.AddSingleton(service);
        }
        return services;
    }

    /// <summary>Declares a service served by <typeparamref name="THandler"/> rather than by routes.</summary>
    public static IServiceCollection AddAwsService<THandler>(this IServiceCollection services, AwsService service)
        where THandler : class, IAwsServiceHandler
    {
        // Several registrations may share a front (HTTP and REST APIs both answer on execute-api): declared once.
        if (IsDeclared(services, service))
        {
            return services;
        }
        services.AddAwsService(service);
        services.TryAddSingleton<THandler>();
        services.AddSingleton<IAwsServiceHandler>(provider => provider.GetRequiredService<THandler>());
        return services;
    }

    /// <summary>Answers <typeparamref name="TException"/> from any handler with the resolved service's error.</summary>
    public static IServiceCollection AddAwsErrorTranslation<TException>(this IServiceCollection services, Func<TException, AwsService, AwsError> translate)
        where TException : Exception
    {
        services.AddSingleton(new AwsExceptionTranslation(typeof(TException), (e, service) => translate((TException)e, service)));
        return services;
    }

    private static bool IsDeclared(IServiceCollection services, AwsService service) =>
        services.Any(d => d.ServiceType == typeof(AwsService) && ReferenceEquals(d.ImplementationInstance, service));

    private static void AddAwsEdge(this IServiceCollection services)
    {
        services.TryAddSingleton<EdgeResolver>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, AwsServiceMatcherPolicy>());
    }

    /// <summary>
    /// The edge: resolution and error envelopes, then <paramref name="beforeDispatch"/> (the place for signature
    /// checks: the service is known, nothing has run), then the services' own handlers, then routing.
    /// </summary>
    public static IApplicationBuilder UseAwsEdge(this IApplicationBuilder app, Action<IApplicationBuilder>? beforeDispatch = null)
    {
        app.UseMiddleware<AwsEdgeMiddleware>();
        beforeDispatch?.Invoke(app);
        app.UseMiddleware<AwsDispatchMiddleware>();
        // Routing after resolution: the matcher policy reads the EdgeTarget to keep only that service's routes.
        app.UseRouting();
        app.UseMiddleware<AwsOperationMiddleware>();
        return app;
    }
}
