using System.Collections.Frozen;
using Fulmen.Protocols.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Fulmen.Protocols.Edge;

/// <summary>
/// The first stop of every edge request: resolve the service and operation, keep them as <see cref="EdgeTarget"/>,
/// and answer every failure after it in that service's envelope (<see cref="AwsErrorException"/>, translated
/// exceptions, unreadable bodies, and requests no route took).
/// </summary>
internal sealed class AwsEdgeMiddleware(RequestDelegate next, EdgeResolver resolver, IEnumerable<AwsExceptionTranslation> translations)
{
    private readonly AwsExceptionTranslation[] _translations = [.. translations];

    public async Task InvokeAsync(HttpContext context)
    {
        var target = resolver.Resolve(context.Request);
        if (target is null && IsUnsignedQuery(context.Request))
        {
            // The query protocol may put Action in the body; the form is kept on the request for the dispatcher.
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            target = resolver.Resolve(context.Request, form["Action"].ToString());
        }
        if (target is not null)
        {
            context.Features.Set(target);
        }
        try
        {
            await next(context);
            if (!context.Response.HasStarted && context.Response.StatusCode == StatusCodes.Status404NotFound && context.GetEndpoint() is null)
            {
                await AwsErrorWriter.WriteAsync(context, UnknownRequest.Error(context.Request, EdgeTarget.Of(context)));
            }
        }
        catch (AwsErrorException e) when (!context.Response.HasStarted)
        {
            await AwsErrorWriter.WriteAsync(context, e.Error);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var service = EdgeTarget.Of(context)?.Service ?? AwsErrorWriter.Default;
            var code = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "RequestEntityTooLargeException" : service.BadRequestErrorCode;
            await AwsErrorWriter.WriteAsync(context, service.CreateError(e.StatusCode, code, e.Message));
        }
        catch (Exception e) when (!context.Response.HasStarted && Translate(e, EdgeTarget.Of(context)?.Service ?? AwsErrorWriter.Default) is { } error)
        {
            await AwsErrorWriter.WriteAsync(context, error);
        }
    }

    private AwsError? Translate(Exception exception, AwsService service)
    {
        foreach (var translation in _translations)
        {
            if (translation.TryTranslate(exception, service) is { } error)
            {
                return error;
            }
        }
        return null;
    }

    private static bool IsUnsignedQuery(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Value is "/" or ""
        && MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
        && media.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}

/// <summary>Hands a resolved request to its service's <see cref="IAwsServiceHandler"/>, if it declared one.</summary>
internal sealed class AwsDispatchMiddleware(RequestDelegate next, IEnumerable<IAwsServiceHandler> handlers)
{
    private readonly FrozenDictionary<AwsService, IAwsServiceHandler> _handlers = handlers.ToFrozenDictionary(h => h.Service);

    public async Task InvokeAsync(HttpContext context)
    {
        if (EdgeTarget.Of(context) is { } target && _handlers.TryGetValue(target.Service, out var handler) && await handler.TryHandleAsync(context))
        {
            return;
        }
        await next(context);
    }
}

/// <summary>Stamps the matched route's operation on the request, after routing.</summary>
internal sealed class AwsOperationMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<AwsOperation>() is { } operation)
        {
            context.Features.Set(operation.Target);
        }
        return next(context);
    }
}
