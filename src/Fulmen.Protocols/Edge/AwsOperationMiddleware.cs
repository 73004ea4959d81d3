using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fulmen.Protocols.Edge;

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
