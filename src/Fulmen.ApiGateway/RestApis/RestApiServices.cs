using Fulmen.ApiGateway.ExecuteApi;
using Fulmen.Protocols;
using Fulmen.Protocols.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>Registration of REST APIs (API Gateway v1): the store, the execute-api handler, and the control plane's routes.</summary>
public static class RestApiServices
{
    /// <summary>apigateway (v1) on the edge: rest-json, signing name <c>apigateway</c>, paths under <c>/restapis</c>.</summary>
    public static readonly AwsService Service = new("apigateway", "apigateway", AwsProtocol.RestJson) { PathSegments = ["restapis"] };

    public static IServiceCollection AddRestApis(this IServiceCollection services)
    {
        services.AddAwsService(Service);
        services.AddExecuteApi();
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
        Map(app, "POST", "/restapis", "CreateRestApi", RestApisApi.CreateAsync);
        Map(app, "GET", "/restapis", "GetRestApis", RestApisApi.ListAsync);
        Map(app, "GET", Api, "GetRestApi", RestApisApi.GetAsync);
        Map(app, "PATCH", Api, "UpdateRestApi", RestApisApi.UpdateAsync);
        Map(app, "DELETE", Api, "DeleteRestApi", RestApisApi.DeleteAsync);
        Map(app, "GET", Api + "/resources", "GetResources", RestApisApi.GetResourcesAsync);
        Map(app, "GET", Resource, "GetResource", RestApisApi.GetResourceAsync);
        Map(app, "POST", Api + "/resources/{parentId}", "CreateResource", RestApisApi.CreateResourceAsync);
        Map(app, "DELETE", Resource, "DeleteResource", RestApisApi.DeleteResourceAsync);
        Map(app, "PUT", Method, "PutMethod", RestApiMethodsApi.PutMethodAsync);
        Map(app, "GET", Method, "GetMethod", RestApiMethodsApi.GetMethodAsync);
        Map(app, "DELETE", Method, "DeleteMethod", RestApiMethodsApi.DeleteMethodAsync);
        Map(app, "PUT", Method + "/integration", "PutIntegration", RestApiMethodsApi.PutIntegrationAsync);
        Map(app, "GET", Method + "/integration", "GetIntegration", RestApiMethodsApi.GetIntegrationAsync);
        Map(app, "DELETE", Method + "/integration", "DeleteIntegration", RestApiMethodsApi.DeleteIntegrationAsync);
        Map(app, "POST", Api + "/deployments", "CreateDeployment", RestApiDeploymentsApi.CreateDeploymentAsync);
        Map(app, "GET", Api + "/deployments", "GetDeployments", RestApiDeploymentsApi.GetDeploymentsAsync);
        Map(app, "GET", Api + "/deployments/{deploymentId}", "GetDeployment", RestApiDeploymentsApi.GetDeploymentAsync);
        Map(app, "POST", Api + "/stages", "CreateStage", RestApiDeploymentsApi.CreateStageAsync);
        Map(app, "GET", Api + "/stages", "GetStages", RestApiDeploymentsApi.GetStagesAsync);
        Map(app, "GET", Api + "/stages/{stageName}", "GetStage", RestApiDeploymentsApi.GetStageAsync);
        Map(app, "PATCH", Api + "/stages/{stageName}", "UpdateStage", RestApiDeploymentsApi.UpdateStageAsync);
        Map(app, "DELETE", Api + "/stages/{stageName}", "DeleteStage", RestApiDeploymentsApi.DeleteStageAsync);
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string method, string pattern, string operation, RequestDelegate handler) =>
        app.MapMethods(pattern, [method], handler).WithAwsOperation(Service, operation);
}
