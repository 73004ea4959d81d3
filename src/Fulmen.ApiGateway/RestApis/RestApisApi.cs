using System.Text.RegularExpressions;
using Fulmen.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>CreateRestApi, GetRestApi(s), UpdateRestApi, DeleteRestApi and the resource tree (Create/Get/DeleteResource, GetResources).</summary>
internal static partial class RestApisApi
{
    public static async Task CreateAsync(HttpContext context)
    {
        var request = await RestApiJson.ReadAsync(context);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw RestApiException.BadRequest("Invalid REST API name specified");
        }
        var now = Services(context).Time.GetUtcNow().ToUnixTimeSeconds();
        var rootId = RestApiStore.NewId();
        var api = new RestApiShape
        {
            Id = RestApiStore.NewId(),
            Name = request.Name,
            Description = request.Description,
            Version = request.Version,
            CreatedDate = now,
            BinaryMediaTypes = request.BinaryMediaTypes is { Count: > 0 } types ? types : null,
            EndpointConfiguration = request.EndpointConfiguration ?? new EndpointConfigurationShape { Types = ["EDGE"] },
            DisableExecuteApiEndpoint = request.DisableExecuteApiEndpoint ?? false,
            RootResourceId = rootId,
            Tags = request.Tags,
        };
        var document = new RestApiDocument { Api = api, Resources = [new ResourceShape { Id = rootId, Path = "/" }] };
        await Services(context).Store.CreateAsync(document, context.RequestAborted);
        await RestApiJson.WriteAsync(context, 201, api, RestApiJsonContext.Default.RestApiShape);
    }

    public static async Task ListAsync(HttpContext context)
    {
        var apis = await Services(context).Store.ListAsync(context.RequestAborted);
        await RestApiJson.WriteAsync(context, 200, new ItemList<RestApiShape> { Items = [.. apis.Select(d => d.Api)] }, RestApiJsonContext.Default.ItemListRestApiShape);
    }

    public static async Task GetAsync(HttpContext context)
    {
        var document = await FindAsync(context);
        await RestApiJson.WriteAsync(context, 200, document.Api, RestApiJsonContext.Default.RestApiShape);
    }

    /// <summary>Patch operations on the name, description and <c>/binaryMediaTypes/{type with / as ~1}</c>.</summary>
    public static async Task UpdateAsync(HttpContext context)
    {
        var operations = PatchOperations.Of(await RestApiJson.ReadAsync(context));
        var api = await Services(context).Store.ChangeAsync(ApiId(context), document =>
        {
            var api = document.Api;
            foreach (var op in operations)
            {
                switch (op.Op, op.Path)
                {
                    case ("replace", "/name"):
                        api.Name = op.Value ?? api.Name;
                        break;
                    case ("replace", "/description"):
                        api.Description = op.Value;
                        break;
                    case ("add", { } path) when path.StartsWith("/binaryMediaTypes/", StringComparison.Ordinal):
                        var added = Unescape(path["/binaryMediaTypes/".Length..]);
                        api.BinaryMediaTypes ??= [];
                        if (!api.BinaryMediaTypes.Contains(added))
                        {
                            api.BinaryMediaTypes.Add(added);
                        }
                        break;
                    case ("remove", { } path) when path.StartsWith("/binaryMediaTypes/", StringComparison.Ordinal):
                        api.BinaryMediaTypes?.Remove(Unescape(path["/binaryMediaTypes/".Length..]));
                        if (api.BinaryMediaTypes is { Count: 0 })
                        {
                            api.BinaryMediaTypes = null;
                        }
                        break;
                    default:
                        throw PatchOperations.UnsupportedPath(op);
                }
            }
            return api;
        }, context.RequestAborted);
        await RestApiJson.WriteAsync(context, 200, api, RestApiJsonContext.Default.RestApiShape);
    }

    public static async Task DeleteAsync(HttpContext context)
    {
        if (!await Services(context).Store.DeleteAsync(ApiId(context), context.RequestAborted))
        {
            throw RestApiException.ApiNotFound();
        }
        context.Response.StatusCode = 202;
    }

    /// <summary>Methods are listed by name only unless <c>embed=methods</c> asks for them whole, as AWS does.</summary>
    public static async Task GetResourcesAsync(HttpContext context)
    {
        var document = await FindAsync(context);
        var embed = context.Request.Query["embed"].Contains("methods");
        var items = document.Resources.Select(r => embed ? r : Summary(r)).ToList();
        await RestApiJson.WriteAsync(context, 200, new ItemList<ResourceShape> { Items = items }, RestApiJsonContext.Default.ItemListResourceShape);
    }

    public static async Task GetResourceAsync(HttpContext context)
    {
        var document = await FindAsync(context);
        var resource = document.Resources.Find(r => r.Id == ResourceId(context)) ?? throw RestApiException.ResourceNotFound();
        var embed = context.Request.Query["embed"].Contains("methods");
        await RestApiJson.WriteAsync(context, 200, embed ? resource : Summary(resource), RestApiJsonContext.Default.ResourceShape);
    }

    public static async Task CreateResourceAsync(HttpContext context)
    {
        var request = await RestApiJson.ReadAsync(context);
        var parentId = (string)context.Request.RouteValues["parentId"]!;
        var resource = await Services(context).Store.ChangeAsync(ApiId(context), document =>
        {
            var parent = document.Resources.Find(r => r.Id == parentId) ?? throw RestApiException.NotFound("Invalid Resource identifier specified");
            var part = request.PathPart;
            if (string.IsNullOrEmpty(part) || !PathPartPattern().IsMatch(part))
            {
                throw RestApiException.BadRequest($"Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.");
            }
            if (parent.PathPart is { } parentPart && parentPart.EndsWith("+}", StringComparison.Ordinal))
            {
                throw RestApiException.BadRequest($"Cannot create a child of a resource with a greedy path variable: {parentPart}");
            }
            var siblings = document.Resources.Where(r => r.ParentId == parentId).ToList();
            if (siblings.Any(s => s.PathPart == part))
            {
                throw RestApiException.Conflict($"Another resource with the same parent already has this name: {part}");
            }
            if (part.StartsWith('{') && siblings.Find(s => s.PathPart!.StartsWith('{')) is { } variable)
            {
                throw RestApiException.BadRequest($"A sibling ({variable.PathPart}) of this resource already has a variable path part -- only one is allowed");
            }
            var created = new ResourceShape
            {
                Id = RestApiStore.NewId(),
                ParentId = parentId,
                PathPart = part,
                Path = parent.Path == "/" ? $"/{part}" : $"{parent.Path}/{part}",
            };
            document.Resources.Add(created);
            return created;
        }, context.RequestAborted);
        await RestApiJson.WriteAsync(context, 201, resource, RestApiJsonContext.Default.ResourceShape);
    }

    /// <summary>Removes the resource and everything under it; the root cannot go.</summary>
    public static async Task DeleteResourceAsync(HttpContext context)
    {
        var resourceId = ResourceId(context);
        await Services(context).Store.ChangeAsync(ApiId(context), document =>
        {
            var resource = document.Resources.Find(r => r.Id == resourceId) ?? throw RestApiException.ResourceNotFound();
            if (resource.ParentId is null)
            {
                throw RestApiException.BadRequest("Cannot delete root resource");
            }
            document.Resources.RemoveAll(r => r.Path == resource.Path || r.Path.StartsWith(resource.Path + "/", StringComparison.Ordinal));
            return true;
        }, context.RequestAborted);
        context.Response.StatusCode = 202;
    }

    internal static (RestApiStore Store, TimeProvider Time, LambdaOptions Options) Services(HttpContext context) => (
        context.RequestServices.GetRequiredService<RestApiStore>(),
        context.RequestServices.GetRequiredService<TimeProvider>(),
        context.RequestServices.GetRequiredService<LambdaOptions>());

    internal static string ApiId(HttpContext context) => (string)context.Request.RouteValues["apiId"]!;

    internal static string ResourceId(HttpContext context) => (string)context.Request.RouteValues["resourceId"]!;

    internal static async Task<RestApiDocument> FindAsync(HttpContext context) =>
        await Services(context).Store.FindAsync(ApiId(context), context.RequestAborted) ?? throw RestApiException.ApiNotFound();

    /// <summary>JSON Pointer escaping of patch paths: <c>~1</c> is <c>/</c>, <c>~0</c> is <c>~</c>.</summary>
    internal static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static ResourceShape Summary(ResourceShape resource) => new()
    {
        Id = resource.Id,
        ParentId = resource.ParentId,
        PathPart = resource.PathPart,
        Path = resource.Path,
        ResourceMethods = resource.ResourceMethods is { Count: > 0 } methods ? methods.ToDictionary(m => m.Key, _ => new MethodShape()) : null,
    };

    [GeneratedRegex(@"^(\{[a-zA-Z0-9._-]+\+?\}|[a-zA-Z0-9._:-]+)$")]
    private static partial Regex PathPartPattern();
}
