using Fulmen.Functions.Http;
using Fulmen.Protocols;
using Fulmen.Protocols.Edge;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.ApiGateway.ExecuteApi;

/// <summary>
/// The execute-api front: a request addressed to <c>{apiId}.execute-api.…</c> (by Host) or to
/// <c>/_aws/execute-api/{apiId}/…</c> goes to the kind of API (HTTP or REST) that owns the id. An unknown id is
/// answered as AWS answers an unknown host. The edge hands it the requests it resolved to
/// <see cref="ExecuteApiServices.Service"/>.
/// </summary>
public sealed class ExecuteApiFront(IEnumerable<IExecuteApiHandler> handlers) : IAwsServiceHandler
{
    private readonly IExecuteApiHandler[] _handlers = [.. handlers];

    public AwsService Service => ExecuteApiServices.Service;

    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        // A target that is not a path (CONNECT's host:port, OPTIONS *) can still address an API by its host; the
        // API's handler refuses it as a request no route serves (RequestTarget.IsForwardable).
        var rawPath = RequestTarget.Of(context)?.RawPath;
        string apiId, path;
        if (ExecuteApiAddress.IdFromHost(context.Request.Host.Host) is { } fromHost)
        {
            (apiId, path) = (fromHost, rawPath is null or "" ? "/" : rawPath);
        }
        else if (rawPath is not null && ExecuteApiAddress.IdFromPath(rawPath) is { } fromPath)
        {
            (apiId, path) = fromPath;
        }
        else
        {
            return false;
        }
        foreach (var handler in _handlers)
        {
            if (await handler.TryHandleAsync(context, apiId, path))
            {
                return true;
            }
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"message":"Not Found"}""", context.RequestAborted);
        return true;
    }
}

/// <summary>The execute-api front on the edge; HTTP and REST API registrations both declare it.</summary>
public static class ExecuteApiServices
{
    /// <summary>By host <c>{apiId}.execute-api.…</c> (10-character id) or the path form <c>/_aws/execute-api/{apiId}/</c>.</summary>
    public static readonly AwsService Service = new("execute-api", "execute-api", AwsProtocol.RestJson)
    {
        Hosts = [new AwsHostPattern(".execute-api.", ExecuteApiAddress.IdLength)],
        FrontPathPrefixes = [ExecuteApiAddress.PathPrefix],
        ResolvedByScope = false,
    };

    internal static IServiceCollection AddExecuteApi(this IServiceCollection services) => services.AddAwsService<ExecuteApiFront>(Service);
}
