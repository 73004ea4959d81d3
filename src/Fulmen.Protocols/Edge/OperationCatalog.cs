using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fulmen.Protocols.Edge;

/// <summary>
/// One AWS operation the server answers: REST operations name their route; JSON ones their <c>X-Amz-Target</c>;
/// query ones only their action.
/// </summary>
public sealed record DeclaredOperation(string Service, string SigningName, string Protocol, string Operation, string? Method, string? Path)
{
    public string? Target { get; init; }
}

/// <summary>
/// Every operation of every declared service, read from what the edge itself uses (the routes' <see cref="AwsOperation"/>
/// metadata, the services' query actions and the operations self-dispatching services name), so a new service appears here with nothing else to register. Tools that
/// must cover every operation (the fuzz suite, docs/robustness.md) read it from <c>GET /_fulmen/operations</c>.
/// </summary>
public static class OperationCatalog
{
    public static IReadOnlyList<DeclaredOperation> List(IServiceProvider services)
    {
        var operations = new List<DeclaredOperation>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<AwsOperation>() is not { } operation)
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                operations.Add(new(operation.Service.Name, operation.Service.SigningName, WireName(operation.Service.Protocol), operation.Name, method, "/" + endpoint.RoutePattern.RawText?.TrimStart('/')));
            }
        }
        foreach (var service in services.GetServices<AwsService>())
        {
            operations.AddRange(service.HandledOperations.Select(o => new DeclaredOperation(service.Name, service.SigningName, WireName(service.Protocol), o.Name, o.Method, o.Path)));
            operations.AddRange(service.QueryActions.Select(action => new DeclaredOperation(service.Name, service.SigningName, "query", action, null, null)));
            if (service.TargetPrefixes is [var prefix, ..])
            {
                // A service may speak JSON and the query protocol both (SQS): its JSON version is its own, or 1.0.
                var json = service.Protocol is AwsProtocol.Json11 ? "json-1.1" : "json-1.0";
                var names = service.TargetOperations.Count > 0 ? service.TargetOperations : service.QueryActions;
                operations.AddRange(names.Select(name => new DeclaredOperation(service.Name, service.SigningName, json, name, "POST", "/") { Target = $"{prefix}.{name}" }));
            }
        }
        return [.. operations.OrderBy(o => o.Service, StringComparer.Ordinal).ThenBy(o => o.Operation, StringComparer.Ordinal).ThenBy(o => o.Protocol, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)];
    }

    /// <summary>The protocol as AWS's service models spell it.</summary>
    public static string WireName(AwsProtocol protocol) => protocol switch
    {
        AwsProtocol.RestJson => "rest-json",
        AwsProtocol.Json10 => "json-1.0",
        AwsProtocol.Json11 => "json-1.1",
        AwsProtocol.Query => "query",
        AwsProtocol.RestXml => "rest-xml",
        _ => protocol.ToString(),
    };
}
