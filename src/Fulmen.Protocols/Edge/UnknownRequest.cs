using System.Text;
using Fulmen.Protocols.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Fulmen.Protocols.Edge;

/// <summary>
/// The answer to a request no service recognised, or whose service has no such operation: AWS's
/// <c>UnknownOperationException</c> (404), with a message that says what the edge looked at.
/// </summary>
public static class UnknownRequest
{
    public const string Code = "UnknownOperationException";

    public static AwsError Error(HttpRequest request, EdgeTarget? target)
    {
        var message = new StringBuilder();
        message.Append(target is null ? "No service recognised " : $"The {target.Service.Name} service has no operation for ")
            .Append(request.Method).Append(' ').Append(request.Path.Value);
        if (target is not null)
        {
            return target.Service.CreateError(404, Code, message.Append('.').ToString());
        }
        var host = request.Headers.Host.ToString();
        var xAmzTarget = request.Headers["X-Amz-Target"].ToString();
        var scope = EdgeResolver.Scope(request.Headers.Authorization.ToString(), request.QueryString.Value ?? "");
        message.Append(": host ").Append(host.Length == 0 ? "(none)" : host)
            .Append(xAmzTarget.Length == 0 ? ", no X-Amz-Target" : $", X-Amz-Target '{xAmzTarget}'")
            .Append(scope.IsEmpty ? ", no SigV4 credential scope" : $", credential scope service '{scope}'")
            .Append(Action(request) is { Length: > 0 } action ? $", Action '{action}'" : ", no Action")
            .Append('.');
        return new AwsError(404, Code, message.ToString());
    }

    /// <summary>From the query string, or from a form body the edge already read (never reading one here).</summary>
    private static string Action(HttpRequest request) =>
        request.Query.TryGetValue("Action", out var inQuery) ? inQuery.ToString()
        : request.HttpContext.Features.Get<IFormFeature>()?.Form?["Action"].ToString() ?? "";
}
