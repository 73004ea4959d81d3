using Microsoft.AspNetCore.Http;

namespace Fulmen.LoadBalancing.QueryProtocol;

/// <summary>
/// A service spoken over AWS's query protocol (form-encoded <c>POST /</c> with an <c>Action</c>, XML answers).
/// Requests reach it by the service name of the SigV4 credential scope, as AWS endpoints tell services apart.
/// </summary>
public interface IQueryProtocolService
{
    /// <summary>The SigV4 signing name, e.g. <c>elasticloadbalancing</c>.</summary>
    string SigningName { get; }

    Task HandleAsync(HttpContext context, IFormCollection form);
}
