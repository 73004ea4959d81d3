using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Edge;

/// <summary>
/// Serves a service's requests outside endpoint routing: host-addressed fronts (function URLs, execute-api) and
/// protocols whose operation is in the request rather than the path (query <c>Action</c>, JSON <c>X-Amz-Target</c>).
/// REST services need none: their routes carry <see cref="AwsOperation"/> instead.
/// </summary>
public interface IAwsServiceHandler
{
    AwsService Service { get; }

    /// <summary>Serves the request; false leaves it to the routes (and so, to the unknown-operation answer).</summary>
    Task<bool> TryHandleAsync(HttpContext context);
}
