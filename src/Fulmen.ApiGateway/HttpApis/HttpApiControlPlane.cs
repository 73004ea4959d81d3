using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Fulmen.ApiGateway.ExecuteApi;
using Fulmen.Functions;
using Fulmen.Protocols.Errors;
using Fulmen.Protocols.Json;
using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.HttpApis;

/// <summary>
/// The <c>apigatewayv2</c> operations the AWS CLI needs for HTTP APIs with Lambda proxy integrations: APIs (with quick
/// create), integrations, routes and stages. REST-JSON with lowerCamel members; errors as API Gateway answers them.
/// </summary>
public sealed class HttpApiControlPlane(HttpApiRepository repository, LambdaOptions options, TimeProvider time)
{
    private readonly Uri _server = new(options.EndpointUrl);

    public async Task CreateApiAsync(HttpContext context)
    {
        if (await ReadAsync(context, HttpApiJsonContext.Default.CreateApiRequest) is not { } request)
        {
            return;
        }
        if (string.IsNullOrEmpty(request.Name))
        {
            await HttpApiError.BadRequest("Invalid input: name is required").WriteAsync(context);
            return;
        }
        if (request.ProtocolType != "HTTP")
        {
            await HttpApiError.BadRequest($"Unsupported protocol type {request.ProtocolType ?? "null"}: only HTTP APIs are supported").WriteAsync(context);
            return;
        }
        var now = time.GetUtcNow();
        var api = new HttpApi { ApiId = ExecuteApiAddress.NewId(), Name = request.Name, Description = request.Description, CreatedDate = now };
        if (request.Target is { } target)
        {
            // Quick create: one managed integration, route and auto-deploy $default stage. Like AWS, it grants no
            // permission on the function: `aws lambda add-permission` is still needed.
            var routeKey = request.RouteKey ?? RouteKey.Default;
            if (RouteKey.Parse(routeKey) is null)
            {
                await HttpApiError.BadRequest($"Unable to create route {routeKey}: invalid route key").WriteAsync(context);
                return;
            }
            var integration = new HttpIntegration
            {
                IntegrationId = ExecuteApiAddress.NewId(7),
                IntegrationType = target.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? "HTTP_PROXY" : "AWS_PROXY",
                IntegrationUri = target,
                IntegrationMethod = "POST",
                PayloadFormatVersion = "2.0",
                ApiGatewayManaged = true,
            };
            api = api with
            {
                Integrations = [integration],
                Routes = [new HttpRoute { RouteId = ExecuteApiAddress.NewId(7), RouteKey = routeKey, Target = $"integrations/{integration.IntegrationId}", ApiGatewayManaged = true }],
                Stages = [new HttpStage { StageName = RouteKey.Default, AutoDeploy = true, CreatedDate = now, LastUpdatedDate = now, ApiGatewayManaged = true }],
            };
        }
        await repository.AddAsync(api, context.RequestAborted);
        await WriteAsync(context, 201, ToShape(api), HttpApiJsonContext.Default.ApiShape);
    }

    public async Task GetApisAsync(HttpContext context)
    {
        var apis = await repository.ListAsync(context.RequestAborted);
        await WriteAsync(context, 200, new ItemsOf<ApiShape> { Items = [.. apis.Select(ToShape)] }, HttpApiJsonContext.Default.ItemsOfApiShape);
    }

    public async Task GetApiAsync(HttpContext context, string apiId)
    {
        if (await FindAsync(context, apiId) is { } api)
        {
            await WriteAsync(context, 200, ToShape(api), HttpApiJsonContext.Default.ApiShape);
        }
    }

    public async Task DeleteApiAsync(HttpContext context, string apiId)
    {
        if (!await repository.DeleteAsync(apiId, context.RequestAborted))
        {
            await HttpApiError.ApiNotFound(apiId).WriteAsync(context);
            return;
        }
        context.Response.StatusCode = 204;
    }

    public async Task CreateIntegrationAsync(HttpContext context, string apiId)
    {
        if (await ReadAsync(context, HttpApiJsonContext.Default.CreateIntegrationRequest) is not { } request)
        {
            return;
        }
        if (request.IntegrationType is not ("AWS_PROXY" or "HTTP_PROXY"))
        {
            await HttpApiError.BadRequest($"Unsupported integration type {request.IntegrationType ?? "null"}: AWS_PROXY and HTTP_PROXY are supported").WriteAsync(context);
            return;
        }
        var version = request.PayloadFormatVersion ?? (request.IntegrationType == "AWS_PROXY" ? null : "1.0");
        if (version is not ("1.0" or "2.0"))
        {
            await HttpApiError.BadRequest(version is null
                ? "PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs"
                : $"Unsupported payload format version {version}: use 1.0 or 2.0").WriteAsync(context);
            return;
        }
        if (request.IntegrationType == "AWS_PROXY" && LambdaTarget.FunctionOf(request.IntegrationUri) is null)
        {
            await HttpApiError.BadRequest($"Invalid integration URI specified: {request.IntegrationUri}").WriteAsync(context);
            return;
        }
        var integration = new HttpIntegration
        {
            IntegrationId = ExecuteApiAddress.NewId(7),
            IntegrationType = request.IntegrationType,
            IntegrationUri = request.IntegrationUri,
            IntegrationMethod = request.IntegrationMethod ?? "POST",
            PayloadFormatVersion = version,
            TimeoutInMillis = request.TimeoutInMillis ?? 30000,
        };
        var (created, error) = await repository.UpdateAsync<HttpIntegration>(apiId,
            api => (api with { Integrations = [.. api.Integrations, integration] }, integration, null), context.RequestAborted);
        await AnswerAsync(context, 201, created is null ? null : ToShape(created), error, HttpApiJsonContext.Default.IntegrationShape);
    }

    public async Task GetIntegrationsAsync(HttpContext context, string apiId)
    {
        if (await FindAsync(context, apiId) is { } api)
        {
            await WriteAsync(context, 200, new ItemsOf<IntegrationShape> { Items = [.. api.Integrations.Select(ToShape)] }, HttpApiJsonContext.Default.ItemsOfIntegrationShape);
        }
    }

    public async Task GetIntegrationAsync(HttpContext context, string apiId, string integrationId)
    {
        if (await FindAsync(context, apiId) is not { } api)
        {
            return;
        }
        if (api.Integrations.Find(i => i.IntegrationId == integrationId) is not { } integration)
        {
            await HttpApiError.NotFound($"Invalid Integration identifier specified {integrationId}").WriteAsync(context);
            return;
        }
        await WriteAsync(context, 200, ToShape(integration), HttpApiJsonContext.Default.IntegrationShape);
    }

    public async Task DeleteIntegrationAsync(HttpContext context, string apiId, string integrationId)
    {
        var (_, error) = await repository.UpdateAsync<bool>(apiId, api =>
            api.Integrations.Exists(i => i.IntegrationId == integrationId)
                ? (api with { Integrations = [.. api.Integrations.Where(i => i.IntegrationId != integrationId)] }, true, null)
                : (null, false, HttpApiError.NotFound($"Invalid Integration identifier specified {integrationId}")), context.RequestAborted);
        await AnswerNoContentAsync(context, error);
    }

    public async Task CreateRouteAsync(HttpContext context, string apiId)
    {
        if (await ReadAsync(context, HttpApiJsonContext.Default.CreateRouteRequest) is not { } request)
        {
            return;
        }
        var routeKey = request.RouteKey ?? "";
        if (RouteKey.Parse(routeKey) is null)
        {
            await HttpApiError.BadRequest($"Unable to create route {routeKey}: invalid route key").WriteAsync(context);
            return;
        }
        var route = new HttpRoute
        {
            RouteId = ExecuteApiAddress.NewId(7),
            RouteKey = routeKey,
            Target = request.Target,
            AuthorizationType = request.AuthorizationType ?? "NONE",
        };
        var (created, error) = await repository.UpdateAsync<HttpRoute>(apiId, api =>
        {
            if (api.Routes.Exists(r => r.RouteKey == routeKey))
            {
                return (null, null, HttpApiError.Conflict($"Unable to create route {routeKey}. The route already exists for this API."));
            }
            if (request.Target is { } target && !api.Integrations.Exists(i => $"integrations/{i.IntegrationId}" == target))
            {
                return (null, null, HttpApiError.BadRequest($"Invalid target specified {target}: the target must be integrations/{{integrationId}} of this API"));
            }
            return (api with { Routes = [.. api.Routes, route] }, route, null);
        }, context.RequestAborted);
        await AnswerAsync(context, 201, created, error, HttpApiJsonContext.Default.HttpRoute);
    }

    public async Task GetRoutesAsync(HttpContext context, string apiId)
    {
        if (await FindAsync(context, apiId) is { } api)
        {
            await WriteAsync(context, 200, new ItemsOf<HttpRoute> { Items = api.Routes }, HttpApiJsonContext.Default.ItemsOfHttpRoute);
        }
    }

    public async Task GetRouteAsync(HttpContext context, string apiId, string routeId)
    {
        if (await FindAsync(context, apiId) is not { } api)
        {
            return;
        }
        if (api.Routes.Find(r => r.RouteId == routeId) is not { } route)
        {
            await HttpApiError.NotFound($"Invalid Route identifier specified {routeId}").WriteAsync(context);
            return;
        }
        await WriteAsync(context, 200, route, HttpApiJsonContext.Default.HttpRoute);
    }

    public async Task DeleteRouteAsync(HttpContext context, string apiId, string routeId)
    {
        var (_, error) = await repository.UpdateAsync<bool>(apiId, api =>
            api.Routes.Exists(r => r.RouteId == routeId)
                ? (api with { Routes = [.. api.Routes.Where(r => r.RouteId != routeId)] }, true, null)
                : (null, false, HttpApiError.NotFound($"Invalid Route identifier specified {routeId}")), context.RequestAborted);
        await AnswerNoContentAsync(context, error);
    }

    public async Task CreateStageAsync(HttpContext context, string apiId)
    {
        if (await ReadAsync(context, HttpApiJsonContext.Default.CreateStageRequest) is not { } request)
        {
            return;
        }
        var name = request.StageName ?? "";
        if (name != RouteKey.Default && (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            await HttpApiError.BadRequest($"Stage name only allows a-zA-Z0-9_-, or $default: {name}").WriteAsync(context);
            return;
        }
        var now = time.GetUtcNow();
        var stage = new HttpStage
        {
            StageName = name,
            AutoDeploy = request.AutoDeploy ?? false,
            Description = request.Description,
            CreatedDate = now,
            LastUpdatedDate = now,
            StageVariables = request.StageVariables ?? [],
        };
        var (created, error) = await repository.UpdateAsync<HttpStage>(apiId, api => api.Stages.Exists(s => s.StageName == name)
            ? (null, null, HttpApiError.Conflict($"Stage {name} already exists"))
            : (api with { Stages = [.. api.Stages, stage] }, stage, null), context.RequestAborted);
        await AnswerAsync(context, 201, created is null ? null : ToShape(created), error, HttpApiJsonContext.Default.StageShape);
    }

    public async Task GetStagesAsync(HttpContext context, string apiId)
    {
        if (await FindAsync(context, apiId) is { } api)
        {
            await WriteAsync(context, 200, new ItemsOf<StageShape> { Items = [.. api.Stages.Select(ToShape)] }, HttpApiJsonContext.Default.ItemsOfStageShape);
        }
    }

    public async Task GetStageAsync(HttpContext context, string apiId, string stageName)
    {
        if (await FindAsync(context, apiId) is not { } api)
        {
            return;
        }
        if (api.Stages.Find(s => s.StageName == stageName) is not { } stage)
        {
            await HttpApiError.NotFound($"Invalid stage identifier specified {stageName}").WriteAsync(context);
            return;
        }
        await WriteAsync(context, 200, ToShape(stage), HttpApiJsonContext.Default.StageShape);
    }

    public async Task DeleteStageAsync(HttpContext context, string apiId, string stageName)
    {
        var (_, error) = await repository.UpdateAsync<bool>(apiId, api =>
            api.Stages.Exists(s => s.StageName == stageName)
                ? (api with { Stages = [.. api.Stages.Where(s => s.StageName != stageName)] }, true, null)
                : (null, false, HttpApiError.NotFound($"Invalid stage identifier specified {stageName}")), context.RequestAborted);
        await AnswerNoContentAsync(context, error);
    }

    private ApiShape ToShape(HttpApi api) => new()
    {
        ApiId = api.ApiId,
        ApiEndpoint = ExecuteApiAddress.EndpointOf(api.ApiId, _server),
        CreatedDate = api.CreatedDate,
        Description = api.Description,
        Name = api.Name,
        ProtocolType = api.ProtocolType,
    };

    private static IntegrationShape ToShape(HttpIntegration integration) => new()
    {
        IntegrationId = integration.IntegrationId,
        IntegrationType = integration.IntegrationType,
        IntegrationUri = integration.IntegrationUri,
        IntegrationMethod = integration.IntegrationMethod,
        PayloadFormatVersion = integration.PayloadFormatVersion,
        TimeoutInMillis = integration.TimeoutInMillis,
        ApiGatewayManaged = integration.ApiGatewayManaged ? true : null,
    };

    private static StageShape ToShape(HttpStage stage) => new()
    {
        StageName = stage.StageName,
        AutoDeploy = stage.AutoDeploy,
        Description = stage.Description,
        CreatedDate = stage.CreatedDate,
        LastUpdatedDate = stage.LastUpdatedDate,
        StageVariables = stage.StageVariables,
        ApiGatewayManaged = stage.ApiGatewayManaged ? true : null,
    };

    private async Task<HttpApi?> FindAsync(HttpContext context, string apiId)
    {
        var api = await repository.FindAsync(apiId, context.RequestAborted);
        if (api is null)
        {
            await HttpApiError.ApiNotFound(apiId).WriteAsync(context);
        }
        return api;
    }

    /// <summary>
    /// The body bound to <typeparamref name="T"/>, or null once the 400 is written: not JSON, a member of the wrong JSON
    /// type, or a null inside a list (which nothing may store).
    /// </summary>
    private static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            using var document = await JsonBody.ParseAsync(context.Request);
            if (NullInList.Find(document.RootElement) is { } found)
            {
                await HttpApiError.BadRequest($"1 validation error detected: {found.Constraint}").WriteAsync(context);
                return null;
            }
            if (document.Deserialize(type) is { } request)
            {
                return request;
            }
        }
        catch (JsonException)
        {
        }
        await HttpApiError.BadRequest("Invalid request body").WriteAsync(context);
        return null;
    }

    private static Task AnswerAsync<T>(HttpContext context, int status, T? value, AwsError? error, JsonTypeInfo<T> type) where T : class =>
        error is not null ? error.WriteAsync(context) : WriteAsync(context, status, value!, type);

    private static Task AnswerNoContentAsync(HttpContext context, AwsError? error)
    {
        if (error is not null)
        {
            return error.WriteAsync(context);
        }
        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private static async Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }
}
