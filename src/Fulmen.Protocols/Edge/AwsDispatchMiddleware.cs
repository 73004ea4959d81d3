using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Edge;

/// <summary>Hands a resolved request to its service's <see cref="IAwsServiceHandler"/>, if it declared one.</summary>
internal sealed class AwsDispatchMiddleware(RequestDelegate next, IEnumerable<IAwsServiceHandler> handlers)
{
    private readonly FrozenDictionary<AwsService, IAwsServiceHandler> _handlers = handlers.ToFrozenDictionary(h => h.Service);

    /// <summary>Not async for requests routing serves (the warm invoke): no state machine on their way through.</summary>
    public Task InvokeAsync(HttpContext context) =>
        EdgeTarget.Of(context) is { } target && _handlers.TryGetValue(target.Service, out var handler)
            ? HandleAsync(handler, context)
            : next(context);

    private async Task HandleAsync(IAwsServiceHandler handler, HttpContext context)
    {
        if (!await handler.TryHandleAsync(context))
        {
            await next(context);
        }
    }
}
