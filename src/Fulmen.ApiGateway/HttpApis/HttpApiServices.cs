using Fulmen.ApiGateway.ExecuteApi;
using Fulmen.Protocols;
using Fulmen.Protocols.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>Registration of HTTP APIs: the store, the execute-api handler and the <c>/v2/apis</c> control plane.</summary>
public static class HttpApiServices
{
    /// <summary>apigatewayv2 on the edge: signed like API Gateway v1 (<c>apigateway</c>), told apart by <c>/v2/</c>.</summary>
    public static readonly AwsService Service = new("apigatewayv2", "apigateway", AwsProtocol.RestJson) { PathSegments = ["v2"] };

    public static IServiceCollection AddHttpApis(this IServiceCollection services)
    {
        services.AddAwsService(Service);
        services.AddExecuteApi();
        services.AddSingleton<HttpApiRepository>();
        services.AddSingleton<HttpApiHandler>();
        services.AddSingleton<IExecuteApiHandler>(provider => provider.GetRequiredService<HttpApiHandler>());
        services.AddSingleton<HttpApiControlPlane>();
        return services;
    }

    public static IEndpointRouteBuilder MapHttpApis(this IEndpointRouteBuilder app)
    {
        var api = app.ServiceProvider.GetRequiredService<HttpApiControlPlane>();
        var apis = app.MapGroup("/v2/apis");
        apis.MapPost("", (HttpContext c) => api.CreateApiAsync(c)).WithAwsOperation(Service, "CreateApi");
        apis.MapGet("", (HttpContext c) => api.GetApisAsync(c)).WithAwsOperation(Service, "GetApis");
        apis.MapGet("/{apiId}", (HttpContext c, string apiId) => api.GetApiAsync(c, apiId)).WithAwsOperation(Service, "GetApi");
        apis.MapDelete("/{apiId}", (HttpContext c, string apiId) => api.DeleteApiAsync(c, apiId)).WithAwsOperation(Service, "DeleteApi");
        apis.MapPost("/{apiId}/integrations", (HttpContext c, string apiId) => api.CreateIntegrationAsync(c, apiId)).WithAwsOperation(Service, "CreateIntegration");
        apis.MapGet("/{apiId}/integrations", (HttpContext c, string apiId) => api.GetIntegrationsAsync(c, apiId)).WithAwsOperation(Service, "GetIntegrations");
        apis.MapGet("/{apiId}/integrations/{id}", (HttpContext c, string apiId, string id) => api.GetIntegrationAsync(c, apiId, id)).WithAwsOperation(Service, "GetIntegration");
        apis.MapDelete("/{apiId}/integrations/{id}", (HttpContext c, string apiId, string id) => api.DeleteIntegrationAsync(c, apiId, id)).WithAwsOperation(Service, "DeleteIntegration");
        apis.MapPost("/{apiId}/routes", (HttpContext c, string apiId) => api.CreateRouteAsync(c, apiId)).WithAwsOperation(Service, "CreateRoute");
        apis.MapGet("/{apiId}/routes", (HttpContext c, string apiId) => api.GetRoutesAsync(c, apiId)).WithAwsOperation(Service, "GetRoutes");
        apis.MapGet("/{apiId}/routes/{id}", (HttpContext c, string apiId, string id) => api.GetRouteAsync(c, apiId, id)).WithAwsOperation(Service, "GetRoute");
        apis.MapDelete("/{apiId}/routes/{id}", (HttpContext c, string apiId, string id) => api.DeleteRouteAsync(c, apiId, id)).WithAwsOperation(Service, "DeleteRoute");
        apis.MapPost("/{apiId}/stages", (HttpContext c, string apiId) => api.CreateStageAsync(c, apiId)).WithAwsOperation(Service, "CreateStage");
        apis.MapGet("/{apiId}/stages", (HttpContext c, string apiId) => api.GetStagesAsync(c, apiId)).WithAwsOperation(Service, "GetStages");
        apis.MapGet("/{apiId}/stages/{name}", (HttpContext c, string apiId, string name) => api.GetStageAsync(c, apiId, name)).WithAwsOperation(Service, "GetStage");
        apis.MapDelete("/{apiId}/stages/{name}", (HttpContext c, string apiId, string name) => api.DeleteStageAsync(c, apiId, name)).WithAwsOperation(Service, "DeleteStage");
        return app;
    }
}
