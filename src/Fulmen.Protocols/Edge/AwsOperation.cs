using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Protocols.Edge;

/// <summary>
/// Endpoint metadata naming the service and AWS operation a REST route serves (<c>lambda</c> / <c>Invoke</c>). The
/// edge's matcher policy keeps only the resolved service's routes; the matched route's operation becomes the
/// request's <see cref="EdgeTarget"/>, built once here so naming it allocates nothing.
/// </summary>
public sealed class AwsOperation(AwsService service, string name)
{
    public AwsService Service { get; } = service;

    public string Name { get; } = name;

    public EdgeTarget Target { get; } = new(service, name);
}

public static class AwsOperationExtensions
{
    /// <summary>Marks a route as <paramref name="service"/>'s operation <paramref name="operation"/>.</summary>
    public static TBuilder WithAwsOperation<TBuilder>(this TBuilder builder, AwsService service, string operation)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AwsOperation(service, operation));
}
