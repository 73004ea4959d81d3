using Fulmen.ApiGateway.ExecuteApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>Registration of HTTP APIs: the store, the execute-api handler and the <c>/v2/apis</c> control plane.</summary>
public static class HttpApiServices
{
    public static IServiceCollection AddHttpApis(this IServiceCollection services)
    {
        services.AddSingleton<HttpApiRepository>();
        services.AddSingleton<HttpApiHandler>();
        services.AddSingleton<IExecuteApiHandler>(provider => provider.GetRequiredService<HttpApiHandler>());
        services.AddSingleton<HttpApiControlPlane>();
        return services;
    }

    public static IEndpointRouteBuilder MapHttpApis(this IEndpointRouteBuilder app)
    {
        var api = app.ServiceProvider.GetRequiredService<HttpApiControlPlane>();
        app.MapPost("/v2/apis", (HttpContext c) => api.CreateApiAsync(c));
        app.MapGet("/v2/apis", (HttpContext c) => api.GetApisAsync(c));
        app.MapGet("/v2/apis/{apiId}", (HttpContext c, string apiId) => api.GetApiAsync(c, apiId));
        app.MapDelete("/v2/apis/{apiId}", (HttpContext c, string apiId) => api.DeleteApiAsync(c, apiId));
        app.MapPost("/v2/apis/{apiId}/integrations", (HttpContext c, string apiId) => api.CreateIntegrationAsync(c, apiId));
        app.MapGet("/v2/apis/{apiId}/integrations", (HttpContext c, string apiId) => api.GetIntegrationsAsync(c, apiId));
        app.MapGet("/v2/apis/{apiId}/integrations/{id}", (HttpContext c, string apiId, string id) => api.GetIntegrationAsync(c, apiId, id));
        app.MapDelete("/v2/apis/{apiId}/integrations/{id}", (HttpContext c, string apiId, string id) => api.DeleteIntegrationAsync(c, apiId, id));
        app.MapPost("/v2/apis/{apiId}/routes", (HttpContext c, string apiId) => api.CreateRouteAsync(c, apiId));
        app.MapGet("/v2/apis/{apiId}/routes", (HttpContext c, string apiId) => api.GetRoutesAsync(c, apiId));
        app.MapGet("/v2/apis/{apiId}/routes/{id}", (HttpContext c, string apiId, string id) => api.GetRouteAsync(c, apiId, id));
        app.MapDelete("/v2/apis/{apiId}/routes/{id}", (HttpContext c, string apiId, string id) => api.DeleteRouteAsync(c, apiId, id));
        app.MapPost("/v2/apis/{apiId}/stages", (HttpContext c, string apiId) => api.CreateStageAsync(c, apiId));
        app.MapGet("/v2/apis/{apiId}/stages", (HttpContext c, string apiId) => api.GetStagesAsync(c, apiId));
        app.MapGet("/v2/apis/{apiId}/stages/{name}", (HttpContext c, string apiId, string name) => api.GetStageAsync(c, apiId, name));
        app.MapDelete("/v2/apis/{apiId}/stages/{name}", (HttpContext c, string apiId, string name) => api.DeleteStageAsync(c, apiId, name));
        return app;
    }
}
