using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>PutMethod, GetMethod, DeleteMethod, PutIntegration, GetIntegration, DeleteIntegration.</summary>
internal static partial class RestApiMethodsApi
{
    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "ANY"];
    private static readonly string[] IntegrationTypes = ["HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY"];

    public static async Task PutMethodAsync(HttpContext context)
    {
        var request = await RestApiJson.ReadAsync(context);
        var httpMethod = HttpMethod(context);
        if (!HttpMethods.Contains(httpMethod))
        {
            throw RestApiException.BadRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
        }
        if (string.IsNullOrEmpty(request.AuthorizationType))
        {
            throw RestApiException.BadRequest("Invalid authorization type specified");
        }
        var method = await RestApisApi.Services(context).Store.ChangeAsync(RestApisApi.ApiId(context), document =>
        {
            var resource = Resource(document, context);
            resource.ResourceMethods ??= [];
            if (resource.ResourceMethods.ContainsKey(httpMethod))
            {
                throw RestApiException.Conflict("Method already exists for this resource");
            }
            var method = new MethodShape
            {
                HttpMethod = httpMethod,
                AuthorizationType = request.AuthorizationType,
                AuthorizerId = request.AuthorizerId,
                ApiKeyRequired = request.ApiKeyRequired ?? false,
                OperationName = request.OperationName,
                RequestParameters = request.RequestParameters?.ToDictionary(p => p.Key, p => p.Value.ValueKind == System.Text.Json.JsonValueKind.True),
                RequestModels = request.RequestModels,
            };
            resource.ResourceMethods[httpMethod] = method;
            return method;
        }, context.RequestAborted);
        await RestApiJson.WriteAsync(context, 201, method, RestApiJsonContext.Default.MethodShape);
    }

    public static async Task GetMethodAsync(HttpContext context)
    {
        var document = await RestApisApi.FindAsync(context);
        await RestApiJson.WriteAsync(context, 200, Method(document, context), RestApiJsonContext.Default.MethodShape);
    }

    public static async Task DeleteMethodAsync(HttpContext context)
    {
        await RestApisApi.Services(context).Store.ChangeAsync(RestApisApi.ApiId(context), document =>
        {
            Method(document, context);
            return Resource(document, context).ResourceMethods!.Remove(HttpMethod(context));
        }, context.RequestAborted);
        context.Response.StatusCode = 204;
    }

    public static async Task PutIntegrationAsync(HttpContext context)
    {
        var request = await RestApiJson.ReadAsync(context);
        if (request.Type is not { } type || !IntegrationTypes.Contains(type))
        {
            throw RestApiException.BadRequest("Invalid integration type specified. Valid options are HTTP,AWS,MOCK,HTTP_PROXY,AWS_PROXY");
        }
        if (type is "AWS" or "AWS_PROXY" or "HTTP" or "HTTP_PROXY")
        {
            if (string.IsNullOrEmpty(request.HttpMethod))
            {
                throw RestApiException.BadRequest("Enumeration value for HttpMethod must be non-empty");
            }
            if (string.IsNullOrEmpty(request.Uri))
            {
                throw RestApiException.BadRequest("Invalid ARN specified in the request");
            }
        }
        if (type == "AWS_PROXY" && !LambdaUri().IsMatch(request.Uri!))
        {
            throw RestApiException.BadRequest("Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.");
        }
        var integration = await RestApisApi.Services(context).Store.ChangeAsync(RestApisApi.ApiId(context), document =>
        {
            var method = Method(document, context);
            method.MethodIntegration = new IntegrationShape
            {
                Type = type,
                HttpMethod = request.HttpMethod,
                Uri = request.Uri,
                ConnectionType = request.ConnectionType ?? "INTERNET",
                Credentials = request.Credentials,
                RequestParameters = request.RequestParameters?.ToDictionary(p => p.Key, p => p.Value.ToString()),
                RequestTemplates = request.RequestTemplates,
                PassthroughBehavior = request.PassthroughBehavior ?? "WHEN_NO_MATCH",
                ContentHandling = request.ContentHandling,
                TimeoutInMillis = request.TimeoutInMillis ?? 29_000,
                CacheNamespace = Resource(document, context).Id,
                CacheKeyParameters = [],
            };
            return method.MethodIntegration;
        }, context.RequestAborted);
        await RestApiJson.WriteAsync(context, 201, integration, RestApiJsonContext.Default.IntegrationShape);
    }

    public static async Task GetIntegrationAsync(HttpContext context)
    {
        var document = await RestApisApi.FindAsync(context);
        var integration = Method(document, context).MethodIntegration ?? throw RestApiException.NotFound("No integration defined for method");
        await RestApiJson.WriteAsync(context, 200, integration, RestApiJsonContext.Default.IntegrationShape);
    }

    public static async Task DeleteIntegrationAsync(HttpContext context)
    {
        await RestApisApi.Services(context).Store.ChangeAsync(RestApisApi.ApiId(context), document =>
        {
            var method = Method(document, context);
            if (method.MethodIntegration is null)
            {
                throw RestApiException.NotFound("No integration defined for method");
            }
            method.MethodIntegration = null;
            return true;
        }, context.RequestAborted);
        context.Response.StatusCode = 204;
    }

    private static string HttpMethod(HttpContext context) => ((string)context.Request.RouteValues["httpMethod"]!).ToUpperInvariant();

    private static ResourceShape Resource(RestApiDocument document, HttpContext context) =>
        document.Resources.Find(r => r.Id == RestApisApi.ResourceId(context)) ?? throw RestApiException.ResourceNotFound();

    private static MethodShape Method(RestApiDocument document, HttpContext context) =>
        Resource(document, context).ResourceMethods?.GetValueOrDefault(HttpMethod(context)) ?? throw RestApiException.MethodNotFound();

    [GeneratedRegex(@"^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:(lambda|firehose):path/")]
    private static partial Regex LambdaUri();
}
