using Fulmen.ApiGateway.ExecuteApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>Registration of REST APIs (API Gateway v1): the store, the execute-api handler, and the control plane's routes.</summary>
public static class RestApiServices
{
    public static IServiceCollection AddRestApis(this IServiceCollection services)
    {
        services.AddSingleton<RestApiStore>();
        services.AddSingleton<IExecuteApiHandler, RestApiHandler>();
        return services;
    }

    /// <summary>The <c>apigateway</c> REST-JSON operations for Lambda proxy integrations, at AWS's paths.</summary>
    public static IEndpointRouteBuilder MapRestApis(this IEndpointRouteBuilder app)
    {
        const string Api = "/restapis/{apiId}";
        const string Resource = Api + "/resources/{resourceId}";
        const string Method = Resource + "/methods/{httpMethod}";
        Map(app, "POST", "/restapis", RestApisApi.CreateAsync);
        Map(app, "GET", "/restapis", RestApisApi.ListAsync);
        Map(app, "GET", Api, RestApisApi.GetAsync);
        Map(app, "PATCH", Api, RestApisApi.UpdateAsync);
        Map(app, "DELETE", Api, RestApisApi.DeleteAsync);
        Map(app, "GET", Api + "/resources", RestApisApi.GetResourcesAsync);
        Map(app, "GET", Resource, RestApisApi.GetResourceAsync);
        Map(app, "POST", Api + "/resources/{parentId}", RestApisApi.CreateResourceAsync);
        Map(app, "DELETE", Resource, RestApisApi.DeleteResourceAsync);
        Map(app, "PUT", Method, RestApiMethodsApi.PutMethodAsync);
        Map(app, "GET", Method, RestApiMethodsApi.GetMethodAsync);
        Map(app, "DELETE", Method, RestApiMethodsApi.DeleteMethodAsync);
        Map(app, "PUT", Method + "/integration", RestApiMethodsApi.PutIntegrationAsync);
        Map(app, "GET", Method + "/integration", RestApiMethodsApi.GetIntegrationAsync);
        Map(app, "DELETE", Method + "/integration", RestApiMethodsApi.DeleteIntegrationAsync);
        Map(app, "POST", Api + "/deployments", RestApiDeploymentsApi.CreateDeploymentAsync);
        Map(app, "GET", Api + "/deployments", RestApiDeploymentsApi.GetDeploymentsAsync);
        Map(app, "GET", Api + "/deployments/{deploymentId}", RestApiDeploymentsApi.GetDeploymentAsync);
        Map(app, "POST", Api + "/stages", RestApiDeploymentsApi.CreateStageAsync);
        Map(app, "GET", Api + "/stages", RestApiDeploymentsApi.GetStagesAsync);
        Map(app, "GET", Api + "/stages/{stageName}", RestApiDeploymentsApi.GetStageAsync);
        Map(app, "PATCH", Api + "/stages/{stageName}", RestApiDeploymentsApi.UpdateStageAsync);
        Map(app, "DELETE", Api + "/stages/{stageName}", RestApiDeploymentsApi.DeleteStageAsync);
        return app;
    }

    /// <summary>Each operation answers its own <see cref="RestApiException"/> the way API Gateway does.</summary>
    private static void Map(IEndpointRouteBuilder app, string method, string pattern, RequestDelegate handler) =>
        app.MapMethods(pattern, [method], async context =>
        {
            try
            {
                await handler(context);
            }
            catch (RestApiException e) when (!context.Response.HasStarted)
            {
                await e.WriteAsync(context);
            }
            catch (Fulmen.Storage.StorageUnavailableException e) when (!context.Response.HasStarted)
            {
                await RestApiException.StoreUnavailable(e).WriteAsync(context);
            }
        });
}
