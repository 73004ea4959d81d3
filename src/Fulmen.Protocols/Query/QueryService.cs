using Fulmen.Protocols.Edge;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Query;

/// <summary>An operation of a query-protocol service: the request's parameters in, the answer written.</summary>
public delegate Task QueryOperation(HttpContext context, IFormCollection form);

/// <summary>
/// A service spoken over AWS's query protocol (form-encoded <c>Action=…</c>, or the same in the query string; XML
/// answers). The edge resolves the service (credential scope, or <c>Action</c>); this dispatches by <c>Action</c>
/// within it, names the operation on the <see cref="EdgeTarget"/>, and answers an unknown one with <c>InvalidAction</c>.
/// Errors are thrown (<see cref="QueryError"/>) and written by the edge as <c>&lt;ErrorResponse&gt;</c>.
/// </summary>
public abstract class QueryService(AwsService service) : IAwsServiceHandler
{
    public AwsService Service { get; } = service;

    /// <summary>The operation <paramref name="action"/> names, or null when the service has none.</summary>
    protected abstract QueryOperation? Find(string action);

    /// <summary>Runs an operation; a service overrides it to wrap every operation (e.g. in its state's lock).</summary>
    protected virtual Task InvokeAsync(QueryOperation operation, HttpContext context, IFormCollection form) => operation(context, form);

    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType
            ? await QueryForm.ReadAsync(context.Request)
            : new FormCollection(context.Request.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        var action = form.Optional("Action") ?? "";
        context.Features.Set(new EdgeTarget(Service, action));
        var operation = Find(action) ?? throw QueryError.InvalidAction(action);
        form.RequireXmlCharacters();
        await InvokeAsync(operation, context, form);
        return true;
    }
}
