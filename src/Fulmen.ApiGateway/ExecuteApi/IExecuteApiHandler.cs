using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.ExecuteApi;

/// <summary>
/// A kind of API that answers at execute-api addresses (<c>{apiId}.execute-api.localhost:{port}</c> and
/// <c>/_aws/execute-api/{apiId}/…</c>): HTTP APIs (v2) and REST APIs (v1) each implement it. API ids are
/// unique across both kinds, so the first handler that owns the id answers.
/// </summary>
public interface IExecuteApiHandler
{
    /// <summary>
    /// Answers the request when <paramref name="apiId"/> is one of this kind's APIs; false otherwise.
    /// <paramref name="path"/> is the raw path after the API's address, starting with <c>/</c> (a stage
    /// segment first, except for an HTTP API's <c>$default</c> stage).
    /// </summary>
    ValueTask<bool> TryHandleAsync(HttpContext context, string apiId, string path);
}
