using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.ApiGateway.ExecuteApi;

/// <summary>
/// The execute-api front: a request addressed to <c>{apiId}.execute-api.…</c> (by Host) or to
/// <c>/_aws/execute-api/{apiId}/…</c> goes to the kind of API (HTTP or REST) that owns the id. An unknown id is
/// answered as AWS answers an unknown host; anything else passes on.
/// </summary>
public sealed class ExecuteApiFront(IEnumerable<IExecuteApiHandler> handlers)
{
    private readonly IExecuteApiHandler[] _handlers = [.. handlers];

    public async Task HandleAsync(HttpContext context, Func<Task> next)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent();
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = question < 0 ? rawTarget : rawTarget[..question];
        string apiId, path;
        if (ExecuteApiAddress.IdFromHost(context.Request.Host.Host) is { } fromHost)
        {
            (apiId, path) = (fromHost, rawPath.Length == 0 ? "/" : rawPath);
        }
        else if (ExecuteApiAddress.IdFromPath(rawPath) is { } fromPath)
        {
            (apiId, path) = fromPath;
        }
        else
        {
            await next();
            return;
        }
        foreach (var handler in _handlers)
        {
            if (await handler.TryHandleAsync(context, apiId, path))
            {
                return;
            }
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"message":"Not Found"}""", context.RequestAborted);
    }
}

/// <summary>Placement of the execute-api front in the pipeline.</summary>
public static class ExecuteApiServices
{
    /// <summary>Serves execute-api requests (by Host or by the <c>/_aws/execute-api/</c> path) ahead of the service APIs.</summary>
    public static IApplicationBuilder UseExecuteApi(this IApplicationBuilder app)
    {
        var front = ActivatorUtilities.CreateInstance<ExecuteApiFront>(app.ApplicationServices);
        return app.Use((context, next) => front.HandleAsync(context, () => next(context)));
    }
}
